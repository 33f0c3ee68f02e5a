/** @fileoverview The address × port grid: intervals and indices, chunks, the walk (order, shard, skips), the typed-array form and the tasker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridChunks, gridIndexOf, gridIntervals, gridProbes, gridProbesV4, gridTasker, isGridRange, type GridShape } from '../../src/targets/grid.js';
import type { Interval } from '../../src/targets/intervals.js';
import { toBig, v4ToBig } from '../../src/common/ip.js';
import { probeOrder } from '../../src/targets/order.js';
import { parseTarget } from '../../src/targets/parse.js';

const v4 = (a: string, b: string): Interval => ({ family: 4, start: v4ToBig(a), end: v4ToBig(b) });
const intervals: Interval[] = [v4('127.0.0.1', '127.0.0.3'), v4('127.0.5.0', '127.0.5.0'), { family: 6, start: 1n, end: 2n }];

/** A grid shape over the intervals above; the rest may be overridden. */
const shape = (over: Partial<GridShape> = {}): GridShape => {
  const ranges = gridIntervals(intervals);
  const ports = over.ports ?? [1883, 8883];
  const total = ranges.reduce((n, r) => n + r.count, 0) * ports.length;
  return { intervals: ranges, ports, tlsPorts: [8883], wsPorts: [], total, fixedCount: 0, a: 1, c: 0, skip: [], singles: [], v4only: false, ...over };
};
const probes = (g: GridShape, size = 1000) => [...gridChunks(g.total, size)].flatMap((c) => [...gridProbes(c, g)].map((p) => `${p.host}:${p.port}`));

test('isGridRange: a plain range is; names, ports, TLS and WebSocket paths are not', () => {
  assert.ok(isGridRange(parseTarget('127.0.0.0/24')));
  assert.ok(isGridRange(parseTarget('127.0.0.1')));
  assert.ok(!isGridRange(parseTarget('127.0.0.1:1883')));
  assert.ok(!isGridRange(parseTarget('mqtts://127.0.0.1')));
  assert.ok(!isGridRange(parseTarget('ws://127.0.0.1:80/')));
  assert.ok(!isGridRange(parseTarget('localhost')));
});

test('gridIntervals: counts and running address offsets', () => {
  assert.deepEqual(gridIntervals(intervals), [
    { family: 4, start: v4ToBig('127.0.0.1'), count: 3, offset: 0 },
    { family: 4, start: v4ToBig('127.0.5.0'), count: 1, offset: 3 },
    { family: 6, start: 1n, count: 2, offset: 4 },
  ]);
  assert.deepEqual(gridIntervals([]), []);
});

test('gridIndexOf: address-major index, undefined off the grid or off the ports', () => {
  const ports = [1883, 8883];
  assert.equal(gridIndexOf(intervals, ports, toBig('127.0.0.1'), 1883), 0n);
  assert.equal(gridIndexOf(intervals, ports, toBig('127.0.0.1'), 8883), 1n);
  assert.equal(gridIndexOf(intervals, ports, toBig('127.0.0.3'), 8883), 5n);
  assert.equal(gridIndexOf(intervals, ports, toBig('127.0.5.0'), 1883), 6n);
  assert.equal(gridIndexOf(intervals, ports, toBig('::2'), 8883), 11n);
  assert.equal(gridIndexOf(intervals, ports, toBig('127.0.0.4'), 1883), undefined);
  assert.equal(gridIndexOf(intervals, ports, toBig('127.0.0.1'), 1999), undefined);
  assert.equal(gridIndexOf(intervals, ports, { family: 6, n: v4ToBig('127.0.0.1') }, 1883), undefined, 'the family matters');
});

test('gridChunks: consecutive slices of at most size covering 0 … total-1', () => {
  assert.deepEqual([...gridChunks(10, 4)], [{ from: 0, to: 4 }, { from: 4, to: 8 }, { from: 8, to: 10 }]);
  assert.deepEqual([...gridChunks(8, 4)], [{ from: 0, to: 4 }, { from: 4, to: 8 }]);
  assert.deepEqual([...gridChunks(0, 4)], []);
  assert.deepEqual([...gridChunks(3, 1000)], [{ from: 0, to: 3 }]);
});

test('gridProbes in order: address-major across intervals of both families', () => {
  assert.deepEqual(probes(shape()), [
    '127.0.0.1:1883', '127.0.0.1:8883', '127.0.0.2:1883', '127.0.0.2:8883', '127.0.0.3:1883', '127.0.0.3:8883',
    '127.0.5.0:1883', '127.0.5.0:8883', '::1:1883', '::1:8883', '::2:1883', '::2:8883',
  ]);
});

test('gridProbes: skips what a fixed probe covers, and a shard takes positions ≡ index-1 after the fixed probes', () => {
  assert.deepEqual(probes(shape({ skip: ['127.0.0.2|8883', '::1|1883', '127.0.0.9|1883'] })), [
    '127.0.0.1:1883', '127.0.0.1:8883', '127.0.0.2:1883', '127.0.0.3:1883', '127.0.0.3:8883', '127.0.5.0:1883', '127.0.5.0:8883', '::1:8883', '::2:1883', '::2:8883',
  ]);
  // One fixed probe at position 0: grid position p is probe position p + 1, in shard 2 of 3 when (p + 1) % 3 === 1: p = 0, 3, 6, 9.
  assert.deepEqual(probes(shape({ fixedCount: 1, shard: { index: 2, count: 3 } })), ['127.0.0.1:1883', '127.0.0.2:8883', '127.0.5.0:1883', '::1:8883']);
  assert.deepEqual(probes(shape({ fixedCount: 2, shard: { index: 1, count: 4 } })), ['127.0.0.2:1883', '127.0.5.0:1883', '::2:1883']);
});

test('gridProbes in random order: every position exactly once, whatever the chunk size, in one order', () => {
  const base = shape();
  const g = { ...base, ...probeOrder(base.total, false, () => 0.5) };
  assert.notEqual(g.a, 1);
  const inOrder = probes(base);
  const random = probes(g);
  assert.notDeepEqual(random, inOrder);
  assert.deepEqual([...random].sort(), [...inOrder].sort());
  for (const size of [1, 5, 7, 12]) assert.deepEqual(probes(g, size), random, `chunks of ${size}`);
});

test('gridProbesV4: the same probes as parallel typed arrays', () => {
  const only4 = gridIntervals(intervals.slice(0, 2));
  const g: GridShape = { ...shape(), intervals: only4, total: 8, v4only: true, skip: ['127.0.0.3|1883'], fixedCount: 2, shard: { index: 1, count: 2 }, ...probeOrder(8, false, () => 0.3) };
  for (const c of [{ from: 0, to: 8 }, { from: 2, to: 5 }]) {
    const { addrs, ports } = gridProbesV4(c, g);
    const expected = [...gridProbes(c, g)];
    assert.equal(addrs.length, expected.length);
    assert.deepEqual([...addrs].map((a, k) => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}:${ports[k]}`), expected.map((p) => `${p.host}:${p.port}`));
  }
});

test('gridTasker: TLS and WebSocket by port, single when named alone', () => {
  const task = gridTasker(shape({ tlsPorts: [8883], wsPorts: [9001], singles: ['127.0.5.0'] }));
  assert.deepEqual(task('127.0.0.1', 1883), { host: '127.0.0.1', port: 1883, tls: false, single: false });
  assert.deepEqual(task('127.0.0.1', 8883), { host: '127.0.0.1', port: 8883, tls: true, single: false });
  assert.deepEqual(task('127.0.5.0', 9001), { host: '127.0.5.0', port: 9001, tls: false, single: true, ws: '/mqtt' });
});
