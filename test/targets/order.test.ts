/** @fileoverview The probe order: mulmod is exact up to 2^48, probeOrder's multiplier is coprime and its order a permutation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gcd, mulmod, orderedPosition, probeOrder } from '../../src/targets/order.js';

/** A small deterministic random source (an LCG), for repeatable orders. */
const lcg = (seed: number) => {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};

/** (x · y) mod m exactly, as bigints. */
const exact = (x: number, y: number, m: number) => Number((BigInt(x) * BigInt(y)) % BigInt(m));
/** Random operands below m (from two uniform draws), for a property over moduli up to max. */
const operands = (max: number) =>
  fc.tuple(fc.integer({ min: 2, max }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([m, u, v]) => [Math.min(m - 1, Math.floor(u * m)), Math.min(m - 1, Math.floor(v * m)), m] as const);

test('mulmod equals the exact bigint product for moduli up to 2^37', () => {
  const M = 2 ** 37;
  const cases: [number, number, number][] = [[0, 5, 7], [5, 0, 7], [1, 1, 2], [6, 6, 7], [M - 1, M - 1, M], [M - 2, M - 3, M - 1], [2 ** 36 + 1, 2 ** 36 + 3, M - 25], [65535, 65537, 65536 * 65536 + 1]];
  for (const [x, y, m] of cases) assert.equal(mulmod(x, y, m), exact(x, y, m), `${x}·${y} mod ${m}`);
  fc.assert(fc.property(operands(M), ([x, y, m]) => assert.equal(mulmod(x, y, m), exact(x, y, m), `${x}·${y} mod ${m}`)), { numRuns: 1000 });
});

// Above 2^37 positions the 16-bit double steps would round (a · 65535 passes 2^53); mulmod switches to BigInt there.
test('mulmod is exact for moduli up to 2^48, as documented', () => {
  const M = 2 ** 48;
  for (const [x, y, m] of [[M - 2, M - 3, M - 1], [2 ** 47 + 1, 2 ** 47 + 3, M - 59]]) assert.equal(mulmod(x, y, m), exact(x, y, m), `${x}·${y} mod ${m}`);
});

test('gcd', () => {
  assert.equal(gcd(12, 18), 6);
  assert.equal(gcd(17, 5), 1);
  assert.equal(gcd(7, 0), 7);
  assert.equal(gcd(0, 7), 7);
  assert.equal(gcd(30030, 17), 1);
});

test('probeOrder: in order when sequential or for fewer than three positions', () => {
  assert.deepEqual(probeOrder(1000, true, lcg(1)), { a: 1, c: 0 });
  for (const total of [0, 1, 2]) assert.deepEqual(probeOrder(total, false, lcg(1)), { a: 1, c: 0 });
  assert.deepEqual([0, 1, 2, 3].map((i) => orderedPosition(1, 0, 4, i)), [0, 1, 2, 3]);
});

test('probeOrder: the multiplier is coprime and the order visits every position exactly once', () => {
  const totals = [3, 4, 6, 8, 30, 97, 100, 210, 256, 1000, 2310, 30030, 65536];
  const sources: [string, () => () => number][] = [['zero', () => () => 0], ['almost one', () => () => 0.999999999], ['lcg 1', () => lcg(1)], ['lcg 99', () => lcg(99)]];
  for (const total of totals) {
    for (const [name, source] of sources) {
      const { a, c } = probeOrder(total, false, source());
      assert.ok(a >= 1 && a < total, `a=${a} for ${total} (${name})`);
      assert.ok(c >= 0 && c < total, `c=${c} for ${total} (${name})`);
      assert.equal(gcd(a, total), 1, `gcd(${a}, ${total}) (${name})`);
      const seen = new Uint8Array(total);
      for (let i = 0; i < total; i++) seen[orderedPosition(a, c, total, i)]++;
      assert.ok(seen.every((x) => x === 1), `a permutation of ${total} positions (${name}, a=${a}, c=${c})`);
    }
  }
});

test('probeOrder: a non-coprime multiplier would repeat positions (the permutation check can fail)', () => {
  const seen = new Set<number>();
  for (let i = 0; i < 30; i++) seen.add(orderedPosition(6, 1, 30, i));
  assert.ok(seen.size < 30);
});

test('probeOrder: deterministic for a given random source, and unchanged (pinned values)', () => {
  assert.deepEqual(probeOrder(1000, false, lcg(7)), probeOrder(1000, false, lcg(7)));
  assert.deepEqual(probeOrder(1000, false, lcg(7)), { a: 627, c: 913 });
  assert.deepEqual(probeOrder(2 ** 40, false, lcg(3)), { a: 679535805691, c: 605477088512 });
  assert.deepEqual(probeOrder(30030, false, () => 0), { a: 18559, c: 0 });
});

test('probeOrder: consecutive probes land far apart', () => {
  const total = 4096;
  const { a, c } = probeOrder(total, false, lcg(5));
  let near = 0;
  for (let i = 1; i < total; i++) if (Math.abs(orderedPosition(a, c, total, i) - orderedPosition(a, c, total, i - 1)) < 64) near++;
  assert.ok(near < total / 20, `${near} of ${total} steps move less than 64 positions`);
});
