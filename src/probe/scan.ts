/** @fileoverview The scan pipeline: pull probes from the target stream as the window of discovery allows (docs/scan.md, "Timing on silent networks"), probe what is open (at most --concurrency at once, p-limit); keep what is worth reporting. */
import type { Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import { gridTasker, type GridShape } from '../targets/grid.js';
import { gridShardTest } from '../targets/shard.js';
import { family, toBig } from '../common/ip.js';
import type { ProbeTask } from '../targets/probe-task.js';
import type { TargetSet } from '../targets/target-set.js';
import { compareTargets } from '../common/target-order.js';
import type { TargetFacts } from '../model/wire.js';
import { runProbe, type ProbeOptions } from './run-probe.js';
import { Connector } from './tcp.js';
import { adaptiveTiming, HostLimiter, maxWindow, Pacer, sharedEstimate, Timing, TIMING, Window } from './pace.js';
import type { ChunkResult, FromThread, ThreadTiming, ToThread } from './discovery-worker.js';

/** Counts by state, for the summary and the progress display. */
export interface ScanCounts {
  done: number;
  open: number;
  closed: number;
  filtered: number;
  notMqtt: number;
  error: number;
  brokers: number;
}

/** Called as probes finish (for progress); must be cheap. */
export type ProgressFn = (counts: ScanCounts) => void;

/**
 * Run every probe of the set. Memory is bounded by the window: tasks are pulled from a generator only when a slot
 * frees, and only targets worth reporting are kept (open, not-mqtt, error, or named alone); closed and filtered
 * addresses of ranges are counted. Then the second look (SecondLook), then the probes of what is open finish.
 */
export async function runScan(set: TargetSet, opts: ProbeOptions & { concurrency: number; threads?: number; rate?: number; perHost?: number }, onProgress?: ProgressFn): Promise<{ targets: TargetFacts[]; counts: ScanCounts }> {
  const counts: ScanCounts = { done: 0, open: 0, closed: 0, filtered: 0, notMqtt: 0, error: 0, brokers: 0 };
  const kept: TargetFacts[] = [];
  // Deep probes (TLS, MQTT, listening) of open ports, bounded like everything else, polite like discovery.
  const deep = pLimit(opts.concurrency);
  const hosts = new HostLimiter(opts.perHost ?? 0);
  const pacer = new Pacer(opts.rate ?? 0);
  const probeOpts: ProbeOptions = { ...opts, pace: opts.rate ? () => pacer.take() : undefined };
  const deepJobs = new Set<Promise<void>>();
  // Closed and filtered ports of ranges are only counted; a target the user named alone is always kept.
  const record = (r: TargetFacts | { state: 'closed' | 'filtered' }, keep: boolean) => {
    counts.done++;
    if (r.state === 'not-mqtt') counts.notMqtt++;
    else counts[r.state]++;
    if ('mqtt' in r && r.mqtt) counts.brokers++;
    if (keep) kept.push(r as TargetFacts);
    onProgress?.(counts);
  };
  // With a socket, the caller already holds the host's place (discovery in this thread); without, the probe takes one.
  const settleNow: Settle = (task, state, reason, socket) => {
    if (state === 'open') {
      const job = deep(async () => {
        const release = socket ? undefined : await hosts.acquire(task.host);
        try {
          return await runProbe(task, probeOpts, socket);
        } finally {
          release?.();
        }
      }).then((r) => record(r, true));
      deepJobs.add(job);
      void job.finally(() => deepJobs.delete(job));
      return job;
    } else if (task.single || state === 'error') record({ host: task.host, port: task.port, transport: task.tls ? 'tls' : 'tcp', state, ...(reason ? { reason } : {}), ...(task.name ? { name: task.name } : {}) }, true);
    else record({ state }, false);
  };
  const adaptive = adaptiveTiming();
  const second = adaptive ? new SecondLook(set.grid) : undefined;
  // Probes of this thread, and those threads report (their grid probes are inferred from the chunk lists, see SecondLook).
  const settle: Settle = second ? (task, state, reason, socket) => (second.saw(task, state, reason, false) ? settleNow(task, state, reason, socket) : undefined) : settleNow;
  const settleReported: Settle = second ? (task, state, reason) => (second.saw(task, state, reason, true) ? settleNow(task, state, reason) : undefined) : settleNow;
  // NOTE: every refused connect creates an Error; capturing its stack cost ~8 % of a /16 scan (docs/BENCHMARKS.md).
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const threads = opts.threads ?? (process.env.MQTT_AUDIT_THREADS !== undefined ? Number(process.env.MQTT_AUDIT_THREADS) : defaultThreads(set.probeCount));
    const bulk = (closed: number, filtered: number) => {
      counts.done += closed + filtered;
      counts.closed += closed;
      counts.filtered += filtered;
      onProgress?.(counts);
    };
    const timing = threadTiming(opts, adaptive);
    const connector = (start: number, cap: number) => new Connector(opts.timeoutMs, { rate: opts.rate, timing: new Timing(opts.timeoutMs, timing.shared, timing), window: new Window(start, cap), attempts: timing.attempts });
    if (threads > 0) await discoverInThreads(set, { ...opts, hosts, timing, connector: connector(opts.concurrency, opts.concurrency) }, threads, { here: settle, reported: settleReported }, bulk, second);
    else await discoverHere(set, { hosts, connector: connector(timing.start, timing.cap) }, settle);
    if (second) {
      // Ports of hosts that answered on another port, which stayed silent: looked at once more (docs/scan.md,
      // "Timing on silent networks"). What was counted filtered is counted again only when it answers now.
      const { tasks, counted, rest } = second.tasks();
      for (const r of rest) settleNow(r.task, 'filtered', r.reason);
      const again: Settle = (task, state, reason, socket) => {
        if (counted.has(task)) {
          if (state === 'filtered') return;
          counts.done--;
          counts.filtered--;
        }
        return settleNow(task, state, reason, socket);
      };
      if (tasks.length) await discoverHere({ probeCount: BigInt(tasks.length), tasks: () => tasks.values() as Generator<ProbeTask> }, { hosts, connector: connector(opts.concurrency, opts.concurrency) }, again);
    }
    while (deepJobs.size) await Promise.race(deepJobs);
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  kept.sort(compareTargets);
  return { targets: kept, counts };
}

/** The timing of discovery for these options: adaptive (pace.ts TIMING) or fixed (MQTT_AUDIT_TIMING=fixed: --timeout, one connect). */
function threadTiming(opts: { timeoutMs: number; concurrency: number }, adaptive: boolean): ThreadTiming {
  const t = opts.timeoutMs;
  return adaptive
    ? { timeoutMs: t, start: opts.concurrency, cap: maxWindow(opts.concurrency), initialMs: Math.min(TIMING.initialMs, t), floorMs: Math.min(TIMING.floorMs, t), firstLookMs: Math.min(TIMING.firstLookMs, t), attempts: TIMING.attempts, explore: TIMING.explore, shared: sharedEstimate() }
    : { timeoutMs: t, start: opts.concurrency, cap: opts.concurrency, initialMs: t, floorMs: t, firstLookMs: t, attempts: 1, explore: 0, shared: sharedEstimate() };
}

/**
 * The second look: what discovery learnt of answers and silences, for one more try of the silent ports of hosts that
 * answered on another port (a lost SYN, twice, on a host that is there). Bounded: a silent probe is remembered only
 * while fewer than MAX_REMEMBERED are; beyond, the second look covers what was remembered.
 */
class SecondLook {
  /** Hosts that answered (open or closed) on some port. */
  private readonly answered = new Set<string>();
  /** host|port of the grid probes a thread reported (answers, errors). */
  private readonly known = new Set<string>();
  private knownFull = false;
  /** Silent probes known one by one: counted (explicit), or not yet recorded (named alone, recorded after the second look). */
  private readonly silent = new Map<string, { task: ProbeTask; counted: boolean; reason?: string }>();
  /** Chunks (by first index) whose answers were all reported. */
  private readonly answersListed = new Set<number>();
  private readonly task: (host: string, port: number) => ProbeTask;
  constructor(private readonly grid: GridShape) {
    this.task = gridTasker(grid);
  }

  /** A probe ended, in this thread or reported by one; false when its recording waits for the second look. */
  saw(task: ProbeTask, state: 'open' | 'closed' | 'filtered' | 'error', reason: string | undefined, reported: boolean): boolean {
    if (state === 'filtered') {
      if (this.silent.size >= MAX_REMEMBERED) return true;
      this.silent.set(`${task.host}|${task.port}`, { task, counted: !task.single, reason });
      return !task.single;
    }
    if (state !== 'error' && this.answered.size < MAX_REMEMBERED) this.answered.add(task.host);
    // Only a thread's reports are needed to tell what its chunks left out (this thread's silent probes are all in silent).
    if (reported) {
      if (this.known.size < MAX_REMEMBERED) this.known.add(`${task.host}|${task.port}`);
      else this.knownFull = true;
    }
    return true;
  }

  /** A thread's chunk: what it listed. */
  chunk(r: ChunkResult): void {
    if (r.listed.answers) this.answersListed.add(r.from);
    if (r.listed.filtered) for (const x of r.silent) if (this.silent.size < MAX_REMEMBERED) this.silent.set(`${x.host}|${x.port}`, { task: this.task(x.host, x.port), counted: true });
  }

  /**
   * The probes to try again, which of them were counted filtered (the others are recorded whatever they give), and
   * the silent probes named alone on hosts that answered nothing (recorded as they were).
   */
  tasks(): { tasks: ProbeTask[]; counted: Set<ProbeTask>; rest: { task: ProbeTask; reason?: string }[] } {
    const tasks: ProbeTask[] = [];
    const counted = new Set<ProbeTask>();
    const rest: { task: ProbeTask; reason?: string }[] = [];
    for (const [key, s] of this.silent) {
      if (this.answered.has(s.task.host)) {
        tasks.push(s.task);
        if (s.counted) counted.add(s.task);
      } else if (!s.counted) rest.push(s);
      this.known.add(key);
    }
    // Grid probes a chunk left out of its lists: silent when the chunk listed all its answers and they are not among them.
    const g = this.grid;
    const pos = gridPositions(g);
    if (this.answersListed.size && !this.knownFull)
      for (const host of this.answered) {
        for (const port of g.ports) {
          const key = `${host}|${port}`;
          if (this.known.has(key)) continue;
          const i = pos(host, port);
          if (i === undefined || !this.answersListed.has(Math.floor(i / CHUNK_ADDRESSES) * CHUNK_ADDRESSES)) continue;
          const t = this.task(host, port);
          tasks.push(t);
          counted.add(t);
        }
      }
    return { tasks, counted, rest };
  }
}

/** Silent probes, and answered ones, remembered at most for the second look. */
const MAX_REMEMBERED = 65536;

/** host, port → its index in the grid's probe order (undefined when the grid does not probe it: outside it, a fixed target's, another shard's). */
export function gridPositions(g: GridShape): (host: string, port: number) => number | undefined {
  const mine = gridShardTest(g.shard, g.fixedCount);
  const skip = new Set(g.skip);
  const total = BigInt(g.total);
  // The order is position(i) = (a·i + c) mod total with gcd(a, total) = 1: i = a⁻¹·(position − c) mod total.
  const inv = g.a === 1 ? 1n : modInverse(BigInt(g.a), total);
  return (host, port) => {
    const j = g.ports.indexOf(port);
    if (j < 0 || skip.has(`${host}|${port}`) || family(host) === 0) return undefined;
    const { family: f, n } = toBig(host);
    const iv = g.intervals.find((x) => x.family === f && x.start <= n && n < x.start + BigInt(x.count));
    if (!iv) return undefined;
    const position = (iv.offset + Number(n - iv.start)) * g.ports.length + j;
    if (mine && !mine(position)) return undefined;
    return Number((((BigInt(position) - BigInt(g.c)) % total + total) % total * inv) % total);
  };
}

/** x⁻¹ mod m (gcd(x, m) = 1), by the extended Euclidean algorithm. */
function modInverse(x: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [x % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/** Threads pay for large ranges only: a small target list is done before a thread has started. */
function defaultThreads(probes: bigint): number {
  const cores = availableParallelism();
  return cores > 1 && probes >= 4096n ? Math.min(cores, 4) : 0;
}

type Settle = (task: ProbeTask, state: 'open' | 'closed' | 'filtered' | 'error', reason: string | undefined, socket?: Socket) => Promise<void> | undefined;

/**
 * Discovery in this thread: tasks are pulled from the generator only while the connector's window has room, so nothing
 * is allocated for probes not yet due and memory is bounded by the window, not by the range (a /8 is never held).
 */
async function discoverHere(set: Pick<TargetSet, 'tasks' | 'probeCount'>, opts: { connector: Connector; hosts: HostLimiter }, settle: Settle): Promise<void> {
  const connector = opts.connector;
  const tasks = set.tasks();
  // The host's place is held from the connect to the end of its probe (--per-host counts every connection).
  const one = async (task: ProbeTask) => {
    const release = await opts.hosts.acquire(task.host);
    try {
      const c = await connector.connect(task.host, task.port);
      await settle(task, c.state, c.state === 'open' ? undefined : c.reason, c.state === 'open' ? c.socket : undefined);
    } finally {
      release();
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let exhausted = false;
      let failed = false;
      const pump = () => {
        while (!exhausted && !failed && active < connector.window) {
          const next = tasks.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          active++;
          one(next.value).then(
            () => {
              active--;
              pump();
            },
            (e: unknown) => {
              failed = true;
              reject(e);
            },
          );
        }
        if (exhausted && active > 0) connector.flush();
        if (exhausted && active === 0) resolve();
      };
      connector.onRoom = pump;
      pump();
    });
  } finally {
    connector.close();
  }
}

/** Probe-order indices per chunk sent to a thread: large enough to amortise a message, small enough to balance the threads. */
const CHUNK_ADDRESSES = 2048;

/**
 * Discovery on worker threads (both cores: the connect and close system calls are most of the cost). This thread
 * sends slices of the address grid (no per-probe object is made here), at most two outstanding per thread, probes
 * the fixed targets itself, and deep-probes what comes back open. The threads share one round-trip estimate.
 */
async function discoverInThreads(
  set: TargetSet,
  opts: { concurrency: number; rate?: number; perHost?: number; hosts: HostLimiter; timing: ThreadTiming; connector: Connector },
  threads: number,
  settle: { here: Settle; reported: Settle },
  onClosed: (closed: number, filtered: number) => void,
  second: SecondLook | undefined,
): Promise<void> {
  // The window, its cap and the rate are shared out between the threads (the fixed targets probed here count against this thread's share).
  const timing: ThreadTiming = { ...opts.timing, start: Math.max(1, Math.ceil(opts.timing.start / threads)), cap: Math.max(1, Math.ceil(opts.timing.cap / threads)) };
  const rate = opts.rate ? Math.max(1, Math.ceil(opts.rate / threads)) : 0;
  const workers = Array.from(
    { length: threads },
    // Two sockets per probe at most (a connect and its retry), each a few KB of heap.
    () => new Worker(new URL('./discovery-worker.js', import.meta.url), { workerData: { timing, grid: set.grid, rate, perHost: opts.perHost ?? 0 }, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 16 + Math.ceil(timing.cap / 50) } }),
  );
  const chunks = set.chunks(CHUNK_ADDRESSES);
  const task = gridTasker(set.grid);
  let nextId = 0;
  const fixedDone = discoverHere({ ...set, probeCount: BigInt(set.fixedTasks.length), tasks: () => set.fixedTasks.values() as Generator<ProbeTask> }, { hosts: opts.hosts, connector: opts.connector }, settle.here);
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let outstanding = 0;
            let exhausted = false;
            const feed = () => {
              while (outstanding < 2 && !exhausted) {
                const c = chunks.next();
                if (c.done) exhausted = true;
                else {
                  outstanding++;
                  w.postMessage({ id: nextId++, chunk: c.value } satisfies ToThread);
                }
              }
              // Every chunk was worked on: the thread retries what it put aside and sends the chunks still waiting.
              if (exhausted && outstanding === 0) w.postMessage({ drain: true } satisfies ToThread);
            };
            w.on('message', (m: FromThread) => {
              for (const r of m.done) {
                onClosed(r.closed, r.filtered);
                second?.chunk(r);
                for (const x of r.reported) void settle.reported(task(x.host, x.port), x.state, x.reason);
              }
              if (m.drained) resolve();
              else if (m.processed) {
                outstanding -= m.processed;
                feed();
              }
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
    await fixedDone;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
