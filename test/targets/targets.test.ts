/** @fileoverview Target parsing and the target set: every syntax, exclusions, de-duplication, counts without expansion, shards. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePorts, parseTarget, parseTargetsFile } from '../../src/targets/parse.js';
import type { ProbeTask } from '../../src/targets/probe-task.js';
import { buildTargetSet } from '../../src/targets/target-set.js';
import { bigToV6, v6ToBig } from '../../src/common/ip.js';
import { AuditError } from '../../src/common/errors.js';

const show = (t: ReturnType<typeof parseTarget>) =>
  (t.kind === 'name' ? `name ${t.name}${t.port ? `:${t.port}` : ''}${t.tls ? ' tls' : ''}` : `v${t.family} ${t.start}-${t.end}${t.port ? `:${t.port}` : ''}${t.tls ? ' tls' : ''}`) + (t.ws !== undefined ? ` ws=${t.ws}` : '');

const valid: [string, string][] = [
  ['10.0.0.5', 'v4 167772165-167772165'],
  ['10.0.0.0/24', 'v4 167772160-167772415'],
  ['10.0.0.5/24', 'v4 167772160-167772415'],
  ['10.0.0.1-50', 'v4 167772161-167772210'],
  ['10.0.0.250-10.0.1.5', 'v4 167772410-167772421'],
  ['10.0.0.5:1884', 'v4 167772165-167772165:1884'],
  ['fd00::1', `v6 ${v6ToBig('fd00::1')}-${v6ToBig('fd00::1')}`],
  ['fd00::/120', `v6 ${v6ToBig('fd00::')}-${v6ToBig('fd00::ff')}`],
  ['[fd00::1]:1883', `v6 ${v6ToBig('fd00::1')}-${v6ToBig('fd00::1')}:1883`],
  ['broker.example', 'name broker.example'],
  ['Broker.Example.:8883', 'name broker.example:8883'],
  ['mqtt://broker.example', 'name broker.example:1883'],
  ['mqtts://broker.example', 'name broker.example:8883 tls'],
  ['mqtts://10.0.0.5:9999', 'v4 167772165-167772165:9999 tls'],
  ['mqtt://[::1]:1883', 'v6 1-1:1883'],
  ['ws://broker.example:9001/mqtt', 'name broker.example:9001 ws=/mqtt'],
  ['wss://broker.example', 'name broker.example:443 tls ws=/mqtt'],
  ['ws://10.0.0.5:8080/', 'v4 167772165-167772165:8080 ws=/'],
];
for (const [text, expected] of valid) test(`target "${text}" parses`, () => assert.equal(show(parseTarget(text)), expected));

const invalid: [string, RegExp][] = [
  ['10.0.0.0/33', /not a valid CIDR range/],
  ['10.0.0.300', /not a valid IPv4 address/],
  ['10.0.0.9-3', /ends before it starts/],
  ['10.0.0.1-300', /range end 300 is not valid/],
  ['host:99999', /port 99999 is not 1-65535/],
  ['http://broker', /unsupported scheme http/],
  ['ftp://broker', /unsupported scheme ftp/],
  ['mqtt://user:pw@broker', /credentials in the URL/],
  ['10.0.0.0/24:1883', /takes its ports from --ports/],
  ['bad_host!', /not an address, range, CIDR or host name/],
  ['fd00::1::2', /not a valid IPv6 address/],
  ['', /empty/],
];
for (const [text, msg] of invalid) {
  test(`target "${text}" is refused with a clear message`, () => assert.throws(() => parseTarget(text), (e: unknown) => e instanceof AuditError && msg.test(e.message)));
}

test('targets file: comments, blank lines, several targets a line, origins', () => {
  const specs = parseTargetsFile('targets.txt', '# lab\n10.0.0.1\n\n10.0.0.2, broker.example # the broker\n');
  assert.deepEqual(specs.map((s) => `${s.text}@${s.origin?.line}`), ['10.0.0.1@2', '10.0.0.2@4', 'broker.example@4']);
  assert.throws(() => parseTargetsFile('t.txt', 'ok.example\n10.0.0.999\n'), /t\.txt:2/);
});

test('ports: lists and ranges, refused when out of range', () => {
  assert.deepEqual(parsePorts('8883,1883,8000-8002'), [1883, 8000, 8001, 8002, 8883]);
  assert.throws(() => parsePorts('0'), /within 1-65535/);
  assert.throws(() => parsePorts('x'), /not a port/);
});

test('IPv6 formatting is canonical (RFC 5952)', () => {
  for (const a of ['::1', 'fd00::1', '2001:db8::1:0:0:1', '::', 'fe80::', '2001:db8:0:1:1:1:1:1']) assert.equal(bigToV6(v6ToBig(a)), a);
});

const opts = { ports: [1883, 8883], tlsPorts: [8883], exclude: [], maxHosts: 65536, sequential: true };
const all = (tasks: Iterable<ProbeTask>) => [...tasks].map((t) => `${t.host}:${t.port}${t.tls ? 's' : ''}${t.name ? `(${t.name})` : ''}`);

test('target set: overlapping ranges merge, single targets with their own port are kept once, excludes apply', async () => {
  const set = await buildTargetSet(['127.0.0.0/30', '127.0.0.2-5', '127.0.0.1', 'mqtt://127.0.0.3:1884', '127.0.0.3:1883'].map((t) => parseTarget(t)), { ...opts, exclude: [parseTarget('127.0.0.4')] });
  const list = all(set.tasks());
  assert.deepEqual(list, [
    '127.0.0.3:1884', '127.0.0.3:1883',
    '127.0.0.0:1883', '127.0.0.0:8883s', '127.0.0.1:1883', '127.0.0.1:8883s', '127.0.0.2:1883', '127.0.0.2:8883s', '127.0.0.3:8883s', '127.0.0.5:1883', '127.0.0.5:8883s',
  ]);
  assert.equal(set.totalProbes, BigInt(list.length));
  assert.equal(set.addresses, 5n);
});

test('target set: names are resolved forward (every address), never reverse; exclude by name', async () => {
  const resolve = async (n: string) => (n === 'broker.test' ? ['127.0.0.7', '::1'] : []);
  const set = await buildTargetSet([parseTarget('broker.test'), parseTarget('other.test')], { ...opts, exclude: [parseTarget('other.test')], resolve });
  assert.deepEqual(all(set.tasks()), ['127.0.0.7:1883(broker.test)', '127.0.0.7:8883s(broker.test)', '::1:1883(broker.test)', '::1:8883s(broker.test)']);
  await assert.rejects(buildTargetSet([parseTarget('nx.test')], { ...opts, resolve: async () => { throw Object.assign(new Error('x'), { code: 'ENOTFOUND' }); } }), /cannot resolve target "nx\.test": ENOTFOUND/);
});

test('target set: counts a /8 without expanding it, and --max-hosts refuses what is too large', async () => {
  const started = Date.now();
  const set = await buildTargetSet([parseTarget('10.0.0.0/8')], { ...opts, maxHosts: 1 << 24, exclude: [parseTarget('10.1.0.0/16')] });
  assert.equal(set.addresses, (1n << 24n) - 65536n);
  assert.equal(set.totalProbes, 2n * ((1n << 24n) - 65536n));
  assert.ok(Date.now() - started < 500);
  await assert.rejects(buildTargetSet([parseTarget('10.0.0.0/8')], opts), /cover 16777216 addresses, more than --max-hosts 65536/);
  await assert.rejects(buildTargetSet([parseTarget('fd00::/64')], opts), /more than --max-hosts/);
});

test('target set: shards partition the probes evenly and deterministically, and their counts add up', async () => {
  const specs = ['127.0.1.0/28', '127.0.2.1-7', 'mqtt://127.0.3.1:1999'].map((t) => parseTarget(t));
  const whole = all((await buildTargetSet(specs, opts)).tasks());
  const parts: string[][] = [];
  for (let i = 1; i <= 4; i++) {
    const set = await buildTargetSet(specs, { ...opts, shard: { index: i, count: 4 } });
    const list = all(set.tasks());
    assert.equal(set.probeCount, BigInt(list.length));
    parts.push(list);
  }
  assert.deepEqual(parts.flat().sort(), [...whole].sort());
  assert.ok(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length)) <= 1);
  assert.deepEqual(all((await buildTargetSet(specs, { ...opts, shard: { index: 2, count: 4 } })).tasks()), parts[1]);
  // In random order a shard holds the same probes (membership is by position), in another order.
  const random = all((await buildTargetSet(specs, { ...opts, sequential: false, shard: { index: 2, count: 4 } })).tasks());
  assert.deepEqual([...random].sort(), [...parts[1]].sort());
});

test('random order: every probe exactly once, spread over the whole range (no two neighbours in a row)', async () => {
  const set = await buildTargetSet([parseTarget('127.3.0.0/22')], { ...opts, sequential: false });
  const list = [...set.tasks()];
  const keys = all(list);
  assert.equal(new Set(keys).size, 2048);
  assert.equal(BigInt(keys.length), set.probeCount);
  const sequential = all((await buildTargetSet([parseTarget('127.3.0.0/22')], opts)).tasks());
  assert.notDeepEqual(keys, sequential);
  assert.deepEqual([...keys].sort(), [...sequential].sort());
  const third = (h: string) => Number(h.split('.')[2]);
  const sameSubnetInARow = list.slice(1).filter((t, i) => third(t.host) === third(list[i].host)).length;
  assert.ok(sameSubnetInARow < list.length / 4, `${sameSubnetInARow} of ${list.length} probes follow one in the same /24`);
});
