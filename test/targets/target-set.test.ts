/** @fileoverview buildTargetSet composing the pieces: a pinned random order, origins, excluded names never resolved, the errors in their order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTarget } from '../../src/targets/parse.js';
import { buildTargetSet } from '../../src/targets/target-set.js';

const lcg = (seed: number) => {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};
const opts = { ports: [1883, 8883], tlsPorts: [8883], exclude: [], maxHosts: 65536 };
const usage = (re: RegExp) => (e: unknown) => e instanceof Error && (e as { exitCode?: number }).exitCode === 2 && re.test(e.message);

test('the random order, the shard and the counts are what they were (pinned for a seeded random source)', async () => {
  const set = await buildTargetSet(['127.3.0.0/22', 'mqtt://127.9.0.1:1999'].map((t) => parseTarget(t)), { ...opts, random: lcg(7), shard: { index: 2, count: 3 } });
  assert.deepEqual([set.grid.a, set.grid.c, set.probeCount, set.totalProbes], [1277, 1870, 683n, 2049n]);
  assert.deepEqual(set.fixedTasks, []);
  assert.deepEqual([...set.tasks()].slice(0, 8).map((t) => `${t.host}:${t.port}`), [
    '127.3.3.34:8883', '127.3.1.161:1883', '127.3.0.31:8883', '127.3.3.22:8883', '127.3.1.149:1883', '127.3.0.19:8883', '127.3.3.10:8883', '127.3.1.137:1883',
  ]);
});

test('originOf: the targets-file line of a range or a fixed target, nothing for an address named elsewhere', async () => {
  const specs = [parseTarget('127.0.0.0/30', { path: 't.txt', line: 2 }), parseTarget('127.0.1.1'), parseTarget('mqtt://127.0.2.1:1999', { path: 't.txt', line: 5 }), parseTarget('broker.test', { path: 'u.txt', line: 1 })];
  const set = await buildTargetSet(specs, { ...opts, resolve: async () => ['127.0.4.4'] });
  assert.deepEqual(set.originOf('127.0.0.3'), { path: 't.txt', line: 2 });
  assert.deepEqual(set.originOf('127.0.2.1'), { path: 't.txt', line: 5 });
  assert.deepEqual(set.originOf('127.0.4.4'), { path: 'u.txt', line: 1 });
  assert.equal(set.originOf('127.0.1.1'), undefined);
  assert.equal(set.originOf('::1'), undefined);
});

test('an excluded name is not resolved; an excluded address drops its fixed probes', async () => {
  const asked: string[] = [];
  const resolve = async (n: string) => (asked.push(n), ['127.0.0.9']);
  const set = await buildTargetSet([parseTarget('skip.test'), parseTarget('keep.test'), parseTarget('127.0.0.8:1883')], { ...opts, exclude: [parseTarget('skip.test'), parseTarget('127.0.0.8')], resolve });
  assert.deepEqual(asked, ['keep.test']);
  assert.deepEqual([...set.tasks()].map((t) => `${t.host}:${t.port}(${t.name ?? ''})`), ['127.0.0.9:1883(keep.test)', '127.0.0.9:8883(keep.test)']);
  assert.equal(set.addresses, 1n);
});

test('errors: no targets, a failed name before --max-hosts, --max-hosts before the 2^48 limit', async () => {
  await assert.rejects(buildTargetSet([], opts), usage(/^no targets/));
  const fail = async (): Promise<string[]> => {
    throw Object.assign(new Error('x'), { code: 'ENOTFOUND' });
  };
  await assert.rejects(buildTargetSet([parseTarget('fd00::/64'), parseTarget('nx.test')], { ...opts, resolve: fail }), usage(/^cannot resolve target "nx\.test": ENOTFOUND$/));
  await assert.rejects(buildTargetSet([parseTarget('fd00::/64')], opts), usage(/cover 18446744073709551616 addresses, more than --max-hosts 65536/));
  await assert.rejects(buildTargetSet([parseTarget('fd00::/80')], { ...opts, maxHosts: Number.MAX_SAFE_INTEGER }), usage(/^the targets expand to 562949953421312 probes, more than mqtt-audit can order \(2\^48\)$/));
});
