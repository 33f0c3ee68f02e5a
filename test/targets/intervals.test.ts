/** @fileoverview Address interval arithmetic: merge and subtract edge cases, membership, and both against a brute-force model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inside, merge, subtract, type Interval } from '../../src/targets/intervals.js';

const iv = (family: 4 | 6, start: number, end: number): Interval => ({ family, start: BigInt(start), end: BigInt(end) });
const show = (list: Interval[]) => list.map((i) => `v${i.family} ${i.start}-${i.end}`);

test('merge: empty, one, overlapping, contained, adjacent and unsorted intervals', () => {
  assert.deepEqual(merge([]), []);
  assert.deepEqual(show(merge([iv(4, 5, 5)])), ['v4 5-5']);
  assert.deepEqual(show(merge([iv(4, 0, 10), iv(4, 5, 20)])), ['v4 0-20']);
  assert.deepEqual(show(merge([iv(4, 0, 20), iv(4, 5, 10)])), ['v4 0-20'], 'a contained interval does not shorten the one around it');
  assert.deepEqual(show(merge([iv(4, 0, 9), iv(4, 10, 19)])), ['v4 0-19'], 'adjacent intervals join');
  assert.deepEqual(show(merge([iv(4, 0, 9), iv(4, 11, 19)])), ['v4 0-9', 'v4 11-19'], 'a gap of one address keeps them apart');
  assert.deepEqual(show(merge([iv(4, 30, 40), iv(4, 0, 3), iv(4, 2, 8), iv(4, 9, 9)])), ['v4 0-9', 'v4 30-40']);
  assert.deepEqual(show(merge([iv(4, 7, 7), iv(4, 7, 7)])), ['v4 7-7'], 'duplicates collapse');
});

test('merge: families stay apart (IPv4 first), and the input is left as it was', () => {
  const input = [iv(6, 0, 5), iv(4, 3, 9), iv(6, 6, 8), iv(4, 0, 4)];
  const before = show(input);
  assert.deepEqual(show(merge(input)), ['v4 0-9', 'v6 0-8']);
  assert.deepEqual(show(input), before);
  assert.deepEqual(show(merge([iv(6, 1, 1), iv(4, 1, 1)])), ['v4 1-1', 'v6 1-1'], 'equal numbers of two families do not merge');
});

test('merge: ranges of any size (bigints past 2^64)', () => {
  const big = 1n << 100n;
  assert.deepEqual(merge([{ family: 6, start: big, end: big + 10n }, { family: 6, start: big + 11n, end: big * 2n }]), [{ family: 6, start: big, end: big * 2n }]);
});

test('subtract: no overlap, a cut through the middle, at either edge, over everything, other family', () => {
  assert.deepEqual(show(subtract([iv(4, 10, 20)], [iv(4, 0, 9), iv(4, 21, 30)])), ['v4 10-20']);
  assert.deepEqual(show(subtract([iv(4, 10, 20)], [iv(4, 15, 15)])), ['v4 10-14', 'v4 16-20']);
  assert.deepEqual(show(subtract([iv(4, 10, 20)], [iv(4, 10, 10)])), ['v4 11-20']);
  assert.deepEqual(show(subtract([iv(4, 10, 20)], [iv(4, 20, 25)])), ['v4 10-19']);
  assert.deepEqual(show(subtract([iv(4, 10, 20)], [iv(4, 5, 12)])), ['v4 13-20']);
  assert.deepEqual(subtract([iv(4, 10, 20)], [iv(4, 10, 20)]), []);
  assert.deepEqual(subtract([iv(4, 10, 20)], [iv(4, 0, 100)]), []);
  assert.deepEqual(subtract([iv(4, 10, 10)], [iv(4, 10, 10)]), []);
  assert.deepEqual(show(subtract([iv(4, 10, 20)], [iv(6, 0, 100)])), ['v4 10-20']);
  assert.deepEqual(show(subtract([iv(4, 0, 100), iv(6, 0, 100)], [iv(4, 10, 19), iv(4, 30, 39), iv(6, 50, 100)])), ['v4 0-9', 'v4 20-29', 'v4 40-100', 'v6 0-49']);
  assert.deepEqual(show(subtract([iv(4, 0, 5)], [])), ['v4 0-5']);
  assert.deepEqual(subtract([], [iv(4, 0, 5)]), []);
});

test('inside: both ends count, neighbours and the other family do not', () => {
  const list = [iv(4, 10, 20), iv(6, 30, 30)];
  assert.ok(inside(list, 4, 10n));
  assert.ok(inside(list, 4, 20n));
  assert.ok(!inside(list, 4, 9n));
  assert.ok(!inside(list, 4, 21n));
  assert.ok(inside(list, 6, 30n));
  assert.ok(!inside(list, 6, 15n));
  assert.ok(!inside(list, 4, 30n));
  assert.ok(!inside([], 4, 0n));
});

// Every address of a small space as "family:n", for a model of what the interval lists cover.
const addressesOf = (list: Interval[]) => {
  const out = new Set<string>();
  for (const i of list) for (let n = i.start; n <= i.end; n++) out.add(`${i.family}:${n}`);
  return out;
};
const arbInterval = fc.tuple(fc.constantFrom<4 | 6>(4, 6), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 })).map(([f, s, len]) => iv(f, s, s + len));
const arbList = fc.array(arbInterval, { maxLength: 8 });
const sorted = (s: Set<string>) => [...s].sort();

test('merge and subtract agree with a set of addresses; merge gives sorted, disjoint, non-adjacent intervals', () => {
  fc.assert(
    fc.property(arbList, arbList, (a, b) => {
      const m = merge(a);
      assert.deepEqual(sorted(addressesOf(m)), sorted(addressesOf(a)));
      for (let k = 1; k < m.length; k++) {
        const [p, q] = [m[k - 1], m[k]];
        assert.ok(p.family < q.family || (p.family === q.family && p.end + 1n < q.start), `${show([p, q])} are in order, apart`);
      }
      const cutAddrs = addressesOf(b);
      const expected = [...addressesOf(m)].filter((x) => !cutAddrs.has(x));
      const d = subtract(m, merge(b));
      assert.deepEqual(sorted(addressesOf(d)), expected.sort());
      assert.equal(d.reduce((s, i) => s + (i.end - i.start + 1n), 0n), BigInt(expected.length), 'no address twice');
      for (const x of addressesOf(m)) {
        const [f, n] = x.split(':');
        assert.equal(inside(d, Number(f) as 4 | 6, BigInt(n)), !cutAddrs.has(x));
      }
    }),
    { numRuns: 300 },
  );
});
