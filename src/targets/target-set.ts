/** @fileoverview Target specs → the probes to run: merged intervals minus --exclude, resolved names, --ports, --shard; counted without expanding. */
import { lookup } from 'node:dns/promises';
import { UsageError } from '../errors.js';
import { fromBig, toBig } from './ip.js';
import { WS_DEFAULT_PATH, type Origin, type TargetSpec } from './parse.js';

/** One (address, port) to probe. */
export interface ProbeTask {
  /** The address literal to connect to. */
  host: string;
  port: number;
  tls: boolean;
  /** The host name the user gave (for SNI and the hostname check), when it was a name. */
  name?: string;
  origin?: Origin;
  /** True when the user named this host alone (not as part of a range): it is reported whatever its state. */
  single: boolean;
  /** MQTT over WebSockets, at this path. */
  ws?: string;
  /** Set when a plaintext probe found TLS and the target is probed again as TLS. */
  retriedAsTls?: boolean;
}

interface Interval {
  family: 4 | 6;
  start: bigint;
  end: bigint;
}

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
  shard?: { index: number; count: number };
  skip: string[];
  singles: string[];
  v4only: boolean;
}

/** (x · y) mod m without leaving exact double arithmetic, for x, y < m < 2^48. */
function mulmod(x: number, y: number, m: number): number {
  let r = 0;
  let a = x % m;
  let b = y;
  // 16 bits of y at a time: a · 2^16 < 2^64 would overflow doubles, so a stays < 2^48 and each step is reduced.
  while (b > 0) {
    const low = b % 65536;
    r = (r + ((a * low) % m)) % m;
    b = Math.floor(b / 65536);
    a = (a * 65536) % m;
  }
  return r;
}

function gcd(x: number, y: number): number {
  while (y) [x, y] = [y, x % y];
  return x;
}

/** A probe order for total positions: random (a spread multiplier and a random offset) or in order. */
export function probeOrder(total: number, sequential: boolean, random: () => number = Math.random): { a: number; c: number } {
  if (sequential || total < 3) return { a: 1, c: 0 };
  // A multiplier near total/φ makes consecutive probes land far apart across the whole range.
  let a = Math.max(1, Math.floor(total * 0.6180339887 + random() * Math.sqrt(total)) % total);
  while (gcd(a, total) !== 1) a = (a + 1) % total || 1;
  return { a, c: Math.floor(random() * total) };
}

function position(g: GridShape, i: number): number {
  return g.a === 1 && g.c === 0 ? i : (mulmod(g.a, i, g.total) + g.c) % g.total;
}

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

/**
 * Walk the probes of one chunk of the order: this shard's positions, minus what a fixed target covers. `visit` gets
 * the interval, the address offset inside it and the port (one walk serves both the generator and the typed arrays).
 */
function walkChunk(c: GridChunk, g: GridShape, visit: (iv: GridInterval, delta: number, port: number) => void): void {
  const skip = g.skip.length ? new Set(g.skip) : undefined;
  const P = g.ports.length;
  const N = g.shard ? g.shard.count : 1;
  const r = g.shard ? g.shard.index - 1 : 0;
  for (let i = c.from; i < c.to; i++) {
    const pos = position(g, i);
    if (N > 1 && (g.fixedCount + pos) % N !== r) continue;
    const offset = Math.floor(pos / P);
    const port = g.ports[pos % P];
    const iv = intervalOf(g, offset);
    const delta = offset - iv.offset;
    if (skip && skip.has(`${hostAt(iv, delta)}|${port}`)) continue;
    visit(iv, delta, port);
  }
}

const v4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const hostAt = (iv: GridInterval, delta: number) => (iv.family === 4 ? v4(Number(iv.start) + delta) : fromBig(6, iv.start + BigInt(delta)));

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

/** A range with nothing of its own (no port, transport or WebSocket path): it goes into the address × port grid. */
function isGridRange(s: TargetSpec): boolean {
  return s.kind === 'range' && s.port === undefined && s.tls === undefined && s.ws === undefined;
}

/** A grid position as a probe task: TLS and WebSocket from the port lists, single when the user named the address alone. */
export function gridTasker(g: GridShape): (host: string, port: number) => ProbeTask {
  const tls = new Set(g.tlsPorts);
  const ws = new Set(g.wsPorts);
  const singles = new Set(g.singles);
  return (host, port) => ({ host, port, tls: tls.has(port), single: singles.has(host), ...(ws.has(port) ? { ws: WS_DEFAULT_PATH } : {}) });
}

/** What the scan covers; iterate with tasks() (or fixedTasks + chunks for threads), count with probeCount. */
export interface TargetSet {
  grid: GridShape;
  /** Probes of named hosts and host:port targets, of this shard. */
  fixedTasks: ProbeTask[];
  /** The range grid in slices of at most size addresses. */
  chunks(size: number): Generator<GridChunk>;
  /** Probes after --exclude and de-duplication, before --shard. */
  totalProbes: bigint;
  /** Distinct addresses. */
  addresses: bigint;
  /** Probes of this shard. */
  probeCount: bigint;
  tasks(): Generator<ProbeTask>;
  /** The --targets-file line that named an address, for SARIF. */
  originOf(host: string): Origin | undefined;
}

/** Options that shape the set. */
export interface TargetOptions {
  ports: number[];
  tlsPorts: number[];
  /** Ports that speak MQTT over WebSockets (at /mqtt). */
  wsPorts?: number[];
  exclude: TargetSpec[];
  maxHosts: number;
  shard?: { index: number; count: number };
  /** Probe in address order instead of a random order. */
  sequential?: boolean;
  /** The random source of the order; injectable for tests. */
  random?: () => number;
  /** Name resolution (never reverse); injectable for tests. */
  resolve?: (name: string) => Promise<string[]>;
}

/** Forward-resolve a name to every address (dns.lookup, as the system resolver does). */
export async function resolveName(name: string): Promise<string[]> {
  const r = await lookup(name, { all: true, verbatim: true });
  return [...new Set(r.map((a) => a.address))];
}

function merge(list: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const fam of [4, 6] as const) {
    const xs = list.filter((i) => i.family === fam).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (const x of xs) {
      const last = out[out.length - 1];
      if (last && last.family === fam && x.start <= last.end + 1n) {
        if (x.end > last.end) last.end = x.end;
      } else out.push({ ...x });
    }
  }
  return out;
}

function subtract(from: Interval[], cut: Interval[]): Interval[] {
  let cur = from;
  for (const c of cut) {
    const next: Interval[] = [];
    for (const i of cur) {
      if (i.family !== c.family || c.end < i.start || c.start > i.end) {
        next.push(i);
        continue;
      }
      if (c.start > i.start) next.push({ family: i.family, start: i.start, end: c.start - 1n });
      if (c.end < i.end) next.push({ family: i.family, start: c.end + 1n, end: i.end });
    }
    cur = next;
  }
  return cur;
}

const inside = (list: Interval[], fam: 4 | 6, n: bigint) => list.some((i) => i.family === fam && i.start <= n && n <= i.end);

/** Build the target set: resolve names, merge and subtract ranges, check --max-hosts. UsageError on what cannot be scanned. */
export async function buildTargetSet(specs: TargetSpec[], opts: TargetOptions): Promise<TargetSet> {
  if (specs.length === 0) throw new UsageError('no targets: name hosts, ranges or URLs, or use --targets-file');
  const resolve = opts.resolve ?? resolveName;
  const excludeNames = new Set(opts.exclude.filter((e) => e.kind === 'name').map((e) => (e.kind === 'name' ? e.name : '')));
  const cut = merge(opts.exclude.flatMap((e) => (e.kind === 'range' ? [{ family: e.family, start: e.start, end: e.end }] : [])));
  const rangeSpecs = specs.filter((s): s is Extract<TargetSpec, { kind: 'range' }> => isGridRange(s));
  const intervals = subtract(merge(rangeSpecs.map((s) => ({ family: s.family, start: s.start, end: s.end }))), cut);

  // Probes with their own port, transport or name: few, kept as a list.
  const fixed: ProbeTask[] = [];
  const fixedKeys = new Set<string>();
  const addFixed = (t: ProbeTask) => {
    const key = `${t.host}|${t.port}`;
    if (fixedKeys.has(key)) return;
    // Fixed probes are few by nature (names, host:port, URLs); keep them so.
    const { family, n } = toBig(t.host);
    if (inside(cut, family, n)) return;
    fixedKeys.add(key);
    fixed.push(t);
  };
  for (const s of specs) {
    if (isGridRange(s)) continue;
    const ports = s.port !== undefined ? [s.port] : opts.ports;
    let hosts: string[];
    if (s.kind === 'name') {
      if (excludeNames.has(s.name)) continue;
      try {
        hosts = await resolve(s.name);
      } catch (e) {
        throw new UsageError(`cannot resolve target "${s.name}"${s.origin ? ` (${s.origin.path}:${s.origin.line})` : ''}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    } else {
      if (s.end !== s.start) throw new UsageError(`bad target "${s.text}": a range takes no port or scheme`);
      hosts = [fromBig(s.family, s.start)];
    }
    for (const host of hosts) {
      for (const port of ports) {
        const ws = s.ws ?? (opts.wsPorts?.includes(port) ? WS_DEFAULT_PATH : undefined);
        addFixed({ host, port, tls: s.tls ?? opts.tlsPorts.includes(port), ...(ws !== undefined ? { ws } : {}), ...(s.kind === 'name' ? { name: s.name } : {}), ...(s.origin ? { origin: s.origin } : {}), single: true });
      }
    }
  }

  const rangeAddresses = intervals.reduce((a, i) => a + (i.end - i.start + 1n), 0n);
  const fixedAddrs = new Set(fixed.map((f) => f.host));
  let extraAddrs = 0n;
  for (const h of fixedAddrs) {
    const { family, n } = toBig(h);
    if (!inside(intervals, family, n)) extraAddrs++;
  }
  const addresses = rangeAddresses + extraAddrs;
  if (addresses > BigInt(opts.maxHosts)) {
    throw new UsageError(`the targets cover ${addresses} addresses, more than --max-hosts ${opts.maxHosts}; raise --max-hosts to scan them`);
  }
  // Probe positions: the fixed probes first, then the grid of (range address × --ports), address-major. A shard is
  // every position ≡ I-1 (mod N); grid positions that a fixed probe already covers are skipped.
  const P = BigInt(opts.ports.length);
  const fixedCount = BigInt(fixed.length);
  const positions = fixedCount + rangeAddresses * P;
  const skipPositions: bigint[] = [];
  for (const f of fixed) {
    const j = opts.ports.indexOf(f.port);
    if (j < 0) continue;
    const { family, n } = toBig(f.host);
    let offset = 0n;
    for (const iv of intervals) {
      if (iv.family === family && iv.start <= n && n <= iv.end) {
        skipPositions.push(fixedCount + (offset + (n - iv.start)) * P + BigInt(j));
        break;
      }
      offset += iv.end - iv.start + 1n;
    }
  }
  const shard = opts.shard;
  const mineAt = (i: bigint) => !shard || i % BigInt(shard.count) === BigInt(shard.index - 1);
  const countMine = (n: bigint) => (shard ? (n > BigInt(shard.index - 1) ? (n - BigInt(shard.index - 1) + BigInt(shard.count) - 1n) / BigInt(shard.count) : 0n) : n);
  const totalProbes = positions - BigInt(skipPositions.length);
  const probeCount = countMine(positions) - BigInt(skipPositions.filter(mineAt).length);

  // A single address the user named in a range spec (e.g. "10.0.0.5") counts as named alone.
  const singles = new Set(rangeSpecs.filter((s) => s.start === s.end).map((s) => fromBig(s.family, s.start)));
  const skip = new Set(fixed.map((f) => `${f.host}|${f.port}`));
  const originSpecs = specs.filter((s) => s.origin);
  const fixedMine = fixed.filter((_, j) => mineAt(BigInt(j)));

  if (rangeAddresses * P > 1n << 48n) throw new UsageError(`the targets expand to ${rangeAddresses * P} probes, more than mqtt-audit can order (2^48)`);
  let offset = 0;
  const gridIntervals: GridInterval[] = intervals.map((iv) => {
    const g = { family: iv.family, start: iv.start, count: Number(iv.end - iv.start + 1n), offset };
    offset += g.count;
    return g;
  });
  const total = Number(rangeAddresses * P);
  const grid: GridShape = {
    intervals: gridIntervals, ports: opts.ports, tlsPorts: opts.tlsPorts, wsPorts: opts.wsPorts ?? [], total, fixedCount: fixed.length, ...probeOrder(total, !!opts.sequential, opts.random),
    shard, skip: [...skip], singles: [...singles], v4only: gridIntervals.every((i) => i.family === 4),
  };
  function* chunks(size: number): Generator<GridChunk> {
    for (let from = 0; from < total; from += size) yield { from, to: Math.min(total, from + size) };
  }

  return {
    totalProbes,
    addresses,
    probeCount: probeCount < 0n ? 0n : probeCount,
    grid,
    fixedTasks: fixedMine,
    chunks,
    *tasks() {
      yield* fixedMine;
      const task = gridTasker(grid);
      for (const c of chunks(4096)) {
        for (const p of gridProbes(c, grid)) yield task(p.host, p.port);
      }
    },
    originOf(host: string) {
      const { family, n } = toBig(host);
      for (const s of originSpecs) {
        if (s.kind === 'range' && s.family === family && s.start <= n && n <= s.end) return s.origin;
      }
      return fixed.find((f) => f.host === host && f.origin)?.origin;
    },
  };
}
