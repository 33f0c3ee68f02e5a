/** @fileoverview A discovery thread: TCP connects over slices of the address grid; only what matters goes back (worker_threads). */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { gridProbes, gridProbesV4, type GridChunk, type GridShape } from '../targets/grid.js';
import { Connector, silentReason } from './tcp.js';
import { Timing, TIMING, Window } from './pace.js';

/** One probe worth reporting: open (the main thread probes it again), an error, a closed/filtered single target, or a closed port of a chunk that listed its answers. */
export interface Reported {
  host: string;
  port: number;
  state: 'open' | 'closed' | 'filtered' | 'error';
  reason?: string;
}

/** What a thread sends back for a chunk. */
export interface ChunkResult {
  id: number;
  /** The chunk's first index in the probe order. */
  from: number;
  probes: number;
  closed: number;
  filtered: number;
  reported: Reported[];
  /**
   * For the second look at ports of hosts that answered (scan.ts): `answers` when every answer of the chunk is in
   * reported (closed ones too), `filtered` when every silent probe is in silent (they are counted in filtered as well).
   */
  listed: { answers: boolean; filtered: boolean };
  silent: { host: string; port: number }[];
}

/** At most this many closed, or silent, probes of a chunk are listed one by one. */
export const LIST_AT_MOST = 256;

/** How a thread times its connects (docs/scan.md, "Timing on silent networks"). */
export interface ThreadTiming {
  timeoutMs: number;
  /** The window: its start (this thread's share of --concurrency) and its cap. */
  start: number;
  cap: number;
  initialMs: number;
  floorMs: number;
  firstLookMs: number;
  attempts: number;
  explore: number;
  /** The global estimate every thread shares (pace.ts SHARED_SLOTS). */
  shared: Int32Array;
}

/** What the main thread sends: a chunk, or "nothing more will come" (then a thread retries what it put aside). */
export type ToThread = { id: number; chunk: GridChunk } | { drain: true };

/** What a thread sends back: how many chunks it has finished working on, whether it drained, the chunks now complete. */
export interface FromThread {
  processed: number;
  drained: boolean;
  done: ChunkResult[];
}

/** The version of native/fastscan.c's interface this code calls; an addon built from other sources is not used. */
const NATIVE_ABI = 2;

/**
 * The native scanner (native/fastscan.c), when it was built (from these sources) and not turned off with
 * MQTT_AUDIT_NATIVE=0. scan(addrs, ports, config, shared, carried, keep) → a state per probe: 0 closed, 1 filtered,
 * 2 open, 3 put aside (kept for a later call), -errno. The first `carried` probes were put aside by an earlier call.
 */
export interface Native {
  scan(addrs: Uint32Array, ports: Uint16Array, config: Float64Array, shared: Int32Array, carried: number, keep: boolean): Int32Array;
  model(config: Float64Array, events: Float64Array): Float64Array;
}
export function loadNative(): Native | undefined {
  if (process.env.MQTT_AUDIT_NATIVE === '0') return undefined;
  try {
    const m = createRequire(import.meta.url)('../../../build/Release/fastscan.node') as Native & { abi?: number };
    return m.abi === NATIVE_ABI ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The config array native/fastscan.c reads: timeout, window start and cap, rate, per-host, then pace.ts TIMING's values. */
export function nativeConfig(t: ThreadTiming, rate: number, perHost: number): Float64Array {
  return Float64Array.of(t.timeoutMs, t.start, t.cap, rate, perHost, t.initialMs, t.floorMs, t.attempts, t.explore, t.firstLookMs, TIMING.busy);
}

const ERRNO: Record<number, string> = { 1: 'EPERM', 13: 'EACCES', 24: 'EMFILE', 99: 'EADDRNOTAVAIL', 101: 'ENETUNREACH', 105: 'ENOBUFS', 111: 'ECONNREFUSED', 113: 'EHOSTUNREACH' };

/** Probes a thread keeps put aside across chunks at most (beyond, a chunk's call retries them before it returns). */
const MAX_CARRIED = 65536;

/** A chunk being worked on: its result so far, the probes not yet settled, what may be listed. */
class Pending {
  readonly res: ChunkResult;
  /** Collected up to one past the limit: more than that are only counted. */
  private readonly closed: { host: string; port: number }[] = [];
  private readonly silent: { host: string; port: number }[] = [];
  constructor(
    id: number,
    from: number,
    public left: number,
    private readonly singles: Set<string>,
  ) {
    this.res = { id, from, probes: 0, closed: 0, filtered: 0, reported: [], listed: { answers: false, filtered: false }, silent: [] };
  }

  /** A probe ended (host undefined: a closed or filtered one that need not be named, see wants). */
  settle(host: string, port: number, state: 'open' | 'closed' | 'filtered' | 'error', reason?: string): void {
    const res = this.res;
    res.probes++;
    this.left--;
    if (state === 'open') res.reported.push({ host, port, state: 'open' });
    else if (state === 'error' || this.singles.has(host)) res.reported.push({ host, port, state, reason });
    else {
      res[state]++;
      const into = state === 'closed' ? this.closed : this.silent;
      if (into.length <= LIST_AT_MOST) into.push({ host, port });
    }
  }

  /** Whether a closed (0) or filtered (1) probe needs its address (to be listed or as a single); else count it. */
  wants(state: 0 | 1): boolean {
    return this.singles.size > 0 || (state === 0 ? this.closed : this.silent).length <= LIST_AT_MOST;
  }

  count(state: 0 | 1): void {
    this.res.probes++;
    this.left--;
    this.res[state === 0 ? 'closed' : 'filtered']++;
  }

  /** The result, with what is few enough listed: the closed probes, or the silent ones. */
  finish(): ChunkResult {
    const res = this.res;
    if (this.closed.length <= LIST_AT_MOST) {
      for (const c of this.closed) res.reported.push({ host: c.host, port: c.port, state: 'closed', reason: 'connection refused' });
      res.closed -= this.closed.length;
      res.listed.answers = true;
    }
    if (this.silent.length <= LIST_AT_MOST) {
      res.silent = this.silent;
      res.listed.filtered = true;
    }
    return res;
  }
}

const v4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

if (parentPort) {
  const port = parentPort;
  const { timing, grid, rate, perHost } = workerData as { timing: ThreadTiming; grid: GridShape; rate: number; perHost: number };
  const native = grid.v4only ? loadNative() : undefined;
  const singles = new Set(grid.singles);
  const connector = new Connector(timing.timeoutMs, {
    rate,
    perHost,
    timing: new Timing(timing.timeoutMs, timing.shared, timing),
    window: new Window(timing.start, timing.cap),
    attempts: timing.attempts,
  });
  const config = nativeConfig(timing, rate, perHost);
  const filteredReason = silentReason(timing.attempts);
  Error.stackTraceLimit = 0; // see scan.ts
  // The native scanner's put-aside probes, carried into its next call, and the chunks waiting for them.
  let carried: { addr: number; port: number; id: number }[] = [];
  const pending = new Map<number, Pending>();
  const reply = (processed: number, drained: boolean) => {
    const done: ChunkResult[] = [];
    for (const [id, p] of pending) {
      if (p.left > 0) continue;
      done.push(p.finish());
      pending.delete(id);
    }
    port.postMessage({ processed, drained, done } satisfies FromThread);
  };
  /** One call of the native scanner over the carried probes and a chunk's (none when draining). */
  const runNative = (addrs: Uint32Array, ports: Uint16Array, id: number, keep: boolean) => {
    const n = carried.length;
    const a = new Uint32Array(n + addrs.length);
    const p = new Uint16Array(n + addrs.length);
    for (let i = 0; i < n; i++) {
      a[i] = carried[i].addr;
      p[i] = carried[i].port;
    }
    a.set(addrs, n);
    p.set(ports, n);
    const states = native!.scan(a, p, config, timing.shared, n, keep && n + addrs.length <= MAX_CARRIED);
    const still: typeof carried = [];
    for (let i = 0; i < states.length; i++) {
      const st = states[i];
      const chunk = i < n ? carried[i].id : id;
      if (st === 3) {
        still.push(i < n ? carried[i] : { addr: a[i], port: p[i], id });
        continue;
      }
      const c = pending.get(chunk)!;
      if ((st === 0 || st === 1) && !c.wants(st)) c.count(st); // no address string made
      else if (st === 2) c.settle(v4(a[i]), p[i], 'open');
      else if (st < 0) c.settle(v4(a[i]), p[i], 'error', ERRNO[-st] ?? `errno ${-st}`);
      else c.settle(v4(a[i]), p[i], st === 0 ? 'closed' : 'filtered', st === 0 ? 'connection refused' : filteredReason);
    }
    carried = still;
  };
  port.on('message', (m: ToThread) => {
    if ('drain' in m) {
      if (native && carried.length) runNative(new Uint32Array(0), new Uint16Array(0), -1, false);
      reply(0, true);
      return;
    }
    if (native) {
      const { addrs, ports } = gridProbesV4(m.chunk, grid);
      pending.set(m.id, new Pending(m.id, m.chunk.from, addrs.length, singles));
      runNative(addrs, ports, m.id, true);
      reply(1, false);
      return;
    }
    const probes = gridProbes(m.chunk, grid);
    const c = new Pending(m.id, m.chunk.from, 0, singles);
    pending.set(m.id, c);
    for (const x of probes) {
      queue.push({ host: x.host, port: x.port, c });
      c.left++;
    }
    if (c.left === 0) reply(1, false);
    else pump();
  });
  // Without the native scanner: one queue of the probes of every chunk received, one window for all of them.
  const queue: { host: string; port: number; c: Pending }[] = [];
  let next = 0;
  // Callbacks, not promises: this loop runs a /16 in ~131k turns and every allocation shows (docs/BENCHMARKS.md).
  const pump = () => {
    while (next < queue.length && connector.inFlight < connector.window) {
      const { host, port: p, c } = queue[next++];
      connector.connectCb(host, p, (r) => {
        if (r.state === 'open') r.socket.destroy(); // a socket cannot cross threads: the main thread connects again
        c.settle(host, p, r.state, r.state === 'open' ? undefined : r.reason);
        if (c.left === 0) reply(1, false);
        pump();
      });
    }
    if (next >= queue.length) {
      queue.length = 0;
      next = 0;
      if (connector.inFlight > 0) connector.flush(); // nothing new: retry what was put aside now
    }
  };
  connector.onRoom = pump;
}
