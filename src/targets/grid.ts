/** @fileoverview The address × port grid of plain ranges: its shape, chunks of the probe order, and the walk that turns a chunk into probes. */
import { fromBig } from '../common/ip.js';
import type { Interval } from './intervals.js';
import { orderedPosition } from './order.js';
import { WS_DEFAULT_PATH, type TargetSpec } from './parse.js';
import { gridShardTest, type Shard } from './shard.js';
import type { ProbeTask } from './probe-task.js';

/** A slice of the probe order: indices from (inclusive) to (exclusive) of the grid's iteration. */
export interface GridChunk {
  from: number;
  to: number;
}

/** One range of the grid: `count` addresses from `start`, the first at address offset `offset`. */
export interface GridInterval {
  family: 4 | 6;
  start: bigint;
  count: number;
  offset: number;
}

/** What every grid chunk shares: the ranges, ports, order, shard, the probes fixed targets cover, addresses named alone. */
export interface GridShape {
  intervals: GridInterval[];
  ports: number[];
  tlsPorts: number[];
  wsPorts: number[];
  /** Grid positions (addresses × ports). */
  total: number;
  /** Positions before the grid (the fixed probes), for shard arithmetic. */
  fixedCount: number;
  /** The probe order: position(i) = (a·i + c) mod total, a bijection since gcd(a, total) = 1; a = 1, c = 0 is in order. */
  a: number;
  c: number;
  shard?: Shard;
  skip: string[];
  singles: string[];
  v4only: boolean;
}

/** A range with nothing of its own (no port, transport or WebSocket path): it goes into the address × port grid. */
export function isGridRange(s: TargetSpec): boolean {
  return s.kind === 'range' && s.port === undefined && s.tls === undefined && s.ws === undefined;
}

/** The merged intervals as grid ranges, each with the address offset of its first address. */
export function gridIntervals(intervals: Interval[]): GridInterval[] {
  let offset = 0;
  return intervals.map((iv) => {
    const g = { family: iv.family, start: iv.start, count: Number(iv.end - iv.start + 1n), offset };
    offset += g.count;
    return g;
  });
}

/** The index (address offset × ports + port index, before the order) of host:port in the grid, or undefined when it is not in it. */
export function gridIndexOf(intervals: Interval[], ports: number[], host: { family: 4 | 6; n: bigint }, port: number): bigint | undefined {
  const j = ports.indexOf(port);
  if (j < 0) return undefined;
  const { family, n } = host;
  let offset = 0n;
  for (const iv of intervals) {
    if (iv.family === family && iv.start <= n && n <= iv.end) return (offset + (n - iv.start)) * BigInt(ports.length) + BigInt(j);
    offset += iv.end - iv.start + 1n;
  }
  return undefined;
}

/** The order's indices 0 … total-1 in slices of at most size. */
export function* gridChunks(total: number, size: number): Generator<GridChunk> {
  for (let from = 0; from < total; from += size) yield { from, to: Math.min(total, from + size) };
}

/** The grid position probed i-th. */
function position(g: GridShape, i: number): number {
  return orderedPosition(g.a, g.c, g.total, i);
}

/** The grid range holding address offset `offset` (binary search; the ranges are in offset order). */
function intervalOf(g: GridShape, offset: number): GridInterval {
  let lo = 0;
  let hi = g.intervals.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.intervals[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return g.intervals[lo];
}

const v4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const hostAt = (iv: GridInterval, delta: number) => (iv.family === 4 ? v4(Number(iv.start) + delta) : fromBig(6, iv.start + BigInt(delta)));

/**
 * Walk the probes of one chunk of the order: this shard's positions, minus what a fixed target covers. `visit` gets
 * the interval, the address offset inside it and the port (one walk serves both the generator and the typed arrays).
 */
function walkChunk(c: GridChunk, g: GridShape, visit: (iv: GridInterval, delta: number, port: number) => void): void {
  const skip = g.skip.length ? new Set(g.skip) : undefined;
  const P = g.ports.length;
  const mine = gridShardTest(g.shard, g.fixedCount);
  for (let i = c.from; i < c.to; i++) {
    const pos = position(g, i);
    if (mine && !mine(pos)) continue;
    const offset = Math.floor(pos / P);
    const port = g.ports[pos % P];
    const iv = intervalOf(g, offset);
    const delta = offset - iv.offset;
    if (skip && skip.has(`${hostAt(iv, delta)}|${port}`)) continue;
    visit(iv, delta, port);
  }
}

/** The probes of one chunk of the order, for this shard, without the ones a fixed target covers. */
export function* gridProbes(c: GridChunk, g: GridShape): Generator<{ host: string; port: number }> {
  const out: { host: string; port: number }[] = [];
  walkChunk(c, g, (iv, delta, port) => out.push({ host: hostAt(iv, delta), port }));
  yield* out;
}

/** The same probes as parallel typed arrays (for the native scanner); IPv4 grids only. */
export function gridProbesV4(c: GridChunk, g: GridShape): { addrs: Uint32Array; ports: Uint16Array } {
  const addrs = new Uint32Array(c.to - c.from);
  const ports = new Uint16Array(c.to - c.from);
  let k = 0;
  walkChunk(c, g, (iv, delta, port) => {
    addrs[k] = Number(iv.start) + delta;
    ports[k] = port;
    k++;
  });
  return { addrs: addrs.subarray(0, k), ports: ports.subarray(0, k) };
}

/** A grid position as a probe task: TLS and WebSocket from the port lists, single when the user named the address alone. */
export function gridTasker(g: GridShape): (host: string, port: number) => ProbeTask {
  const tls = new Set(g.tlsPorts);
  const ws = new Set(g.wsPorts);
  const singles = new Set(g.singles);
  return (host, port) => ({ host, port, tls: tls.has(port), single: singles.has(host), ...(ws.has(port) ? { ws: WS_DEFAULT_PATH } : {}) });
}
