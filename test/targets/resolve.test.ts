/** @fileoverview Target specs → addresses: an injected resolver's answers and failures, literals without a lookup, localhost via the system resolver. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTarget, type TargetSpec } from '../../src/targets/parse.js';
import { resolveName, resolveSpec } from '../../src/targets/resolve.js';

const usage = (re: RegExp) => (e: unknown) => e instanceof Error && (e as { exitCode?: number }).exitCode === 2 && re.test(e.message);
const never = async (): Promise<string[]> => assert.fail('an address is not resolved');

test('resolveSpec: a name gets every address its resolver gives', async () => {
  const seen: string[] = [];
  const resolve = async (n: string) => (seen.push(n), ['127.0.0.7', '::1']);
  assert.deepEqual(await resolveSpec(parseTarget('broker.test:1884'), resolve), ['127.0.0.7', '::1']);
  assert.deepEqual(seen, ['broker.test']);
});

test('resolveSpec: a failed lookup is a usage error naming the target, its line and the code (or message)', async () => {
  const fail = (e: Error) => async (): Promise<string[]> => {
    throw e;
  };
  await assert.rejects(resolveSpec(parseTarget('nx.test'), fail(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))), usage(/^cannot resolve target "nx\.test": ENOTFOUND$/));
  await assert.rejects(resolveSpec(parseTarget('nx.test', { path: 'targets.txt', line: 4 }), fail(Object.assign(new Error('x'), { code: 'EAI_AGAIN' }))), usage(/^cannot resolve target "nx\.test" \(targets\.txt:4\): EAI_AGAIN$/));
  await assert.rejects(resolveSpec(parseTarget('nx.test'), fail(new Error('no resolver'))), usage(/^cannot resolve target "nx\.test": no resolver$/));
});

test('resolveSpec: a single address is its own literal (canonical), without a lookup', async () => {
  assert.deepEqual(await resolveSpec(parseTarget('127.0.0.1:1883'), never), ['127.0.0.1']);
  assert.deepEqual(await resolveSpec(parseTarget('mqtt://[0:0::1]:1883'), never), ['::1']);
});

test('resolveSpec: a range with a port or scheme is refused', async () => {
  const spec: TargetSpec = { kind: 'range', family: 4, start: 2130706432n, end: 2130706687n, port: 1883, text: '127.0.0.0/24:1883' };
  await assert.rejects(resolveSpec(spec, never), usage(/^bad target "127\.0\.0\.0\/24:1883": a range takes no port or scheme$/));
});

test('resolveName: localhost through the system resolver gives loopback addresses, each once; a literal is itself', async () => {
  const addrs = await resolveName('localhost');
  assert.ok(addrs.length > 0);
  assert.equal(new Set(addrs).size, addrs.length);
  for (const a of addrs) assert.ok(a === '::1' || a.startsWith('127.'), a);
  assert.deepEqual(await resolveName('127.0.0.1'), ['127.0.0.1']);
  assert.deepEqual(await resolveName('::1'), ['::1']);
});
