/** @fileoverview Target specs → the probes to run: merged intervals minus --exclude, resolved names, --ports, --shard; counted without expanding. */
import { UsageError } from '../common/errors.js';
import { gridChunks, gridIndexOf, gridIntervals, gridProbes, gridTasker, isGridRange, type GridChunk, type GridShape } from './grid.js';
import { inside, merge, subtract } from './intervals.js';
import { fromBig, toBig } from '../common/ip.js';
import { probeOrder } from './order.js';
import type { Origin } from '../model/wire.js';
import { WS_DEFAULT_PATH, type TargetSpec } from './parse.js';
import type { ProbeTask } from './probe-task.js';
import { resolveName, resolveSpec, type Resolver } from './resolve.js';
import { inShard, shardSize, type Shard } from './shard.js';

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
  /** True when the user named this host alone (an address, a name, host:port), not as part of a range. */
  isNamed(host: string): boolean;
}

/** Options that shape the set. */
export interface TargetOptions {
  ports: number[];
  tlsPorts: number[];
  /** Ports that speak MQTT over WebSockets (at /mqtt). */
  wsPorts?: number[];
  exclude: TargetSpec[];
  maxHosts: number;
  shard?: Shard;
  /** Probe in address order instead of a random order. */
  sequential?: boolean;
  /** The random source of the order; injectable for tests. */
  random?: () => number;
  /** Name resolution (never reverse); injectable for tests. */
  resolve?: Resolver;
}

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
    if (s.kind === 'name' && excludeNames.has(s.name)) continue;
    const ports = s.port !== undefined ? [s.port] : opts.ports;
    const hosts = await resolveSpec(s, resolve);
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
    const at = gridIndexOf(intervals, opts.ports, toBig(f.host), f.port);
    if (at !== undefined) skipPositions.push(fixedCount + at);
  }
  const shard = opts.shard;
  const totalProbes = positions - BigInt(skipPositions.length);
  const probeCount = shardSize(shard, positions) - BigInt(skipPositions.filter((i) => inShard(shard, i)).length);

  // A single address the user named in a range spec (e.g. "10.0.0.5") counts as named alone.
  const singles = new Set(rangeSpecs.filter((s) => s.start === s.end).map((s) => fromBig(s.family, s.start)));
  const skip = new Set(fixed.map((f) => `${f.host}|${f.port}`));
  const originSpecs = specs.filter((s) => s.origin);
  const fixedMine = fixed.filter((_, j) => inShard(shard, BigInt(j)));

  if (rangeAddresses * P > 1n << 48n) throw new UsageError(`the targets expand to ${rangeAddresses * P} probes, more than mqtt-audit can order (2^48)`);
  const ranges = gridIntervals(intervals);
  const total = Number(rangeAddresses * P);
  const grid: GridShape = {
    intervals: ranges, ports: opts.ports, tlsPorts: opts.tlsPorts, wsPorts: opts.wsPorts ?? [], total, fixedCount: fixed.length, ...probeOrder(total, !!opts.sequential, opts.random),
    shard, skip: [...skip], singles: [...singles], v4only: ranges.every((i) => i.family === 4),
  };
  const chunks = (size: number) => gridChunks(total, size);

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
    isNamed(host: string) {
      return singles.has(host) || fixed.some((f) => f.host === host && f.single);
    },
  };
}
