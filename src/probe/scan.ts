/** @fileoverview The scan pipeline: pull probes from the target stream, at most --concurrency in flight (p-limit); keep what is worth reporting. */
import type { Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import { gridTasker } from '../targets/grid.js';
import type { ProbeTask } from '../targets/probe-task.js';
import type { TargetSet } from '../targets/target-set.js';
import { compareTargets } from '../common/target-order.js';
import type { TargetFacts } from '../model/wire.js';
import { runProbe, type ProbeOptions } from './run-probe.js';
import { Connector } from './tcp.js';
import { HostLimiter, Pacer } from './pace.js';
import type { ChunkResult } from './discovery-worker.js';

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
 * Run every probe of the set. Memory is bounded by the concurrency: tasks are pulled from a generator only when a slot
 * frees, and only targets worth reporting are kept (open, not-mqtt, error, or named alone); closed and filtered
 * addresses of ranges are counted.
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
  const settle = (task: ProbeTask, state: 'open' | 'closed' | 'filtered' | 'error', reason: string | undefined, socket?: Socket): Promise<void> | undefined => {
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
    if (threads > 0) await discoverInThreads(set, { ...opts, hosts }, threads, settle, bulk);
    else await discoverHere(set, { ...opts, hosts, connector: new Connector(opts.timeoutMs, { rate: opts.rate }) }, settle);
    while (deepJobs.size) await Promise.race(deepJobs);
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  kept.sort(compareTargets);
  return { targets: kept, counts };
}

/** Threads pay for large ranges only: a small target list is done before a thread has started. */
function defaultThreads(probes: bigint): number {
  const cores = availableParallelism();
  return cores > 1 && probes >= 4096n ? Math.min(cores, 4) : 0;
}

type Settle = (task: ProbeTask, state: 'open' | 'closed' | 'filtered' | 'error', reason: string | undefined, socket?: Socket) => Promise<void> | undefined;

/**
 * Discovery in this thread: a fixed pool of workers pulling from the generator, so nothing is allocated for probes
 * not yet due and memory is bounded by the concurrency, not by the range (a /8 is never held).
 */
async function discoverHere(set: Pick<TargetSet, 'tasks' | 'probeCount'>, opts: { timeoutMs: number; concurrency: number; connector: Connector; hosts: HostLimiter }, settle: Settle): Promise<void> {
  const connector = opts.connector;
  const tasks = set.tasks();
  const worker = async () => {
    for (let next = tasks.next(); !next.done; next = tasks.next()) {
      const task = next.value;
      // The host's place is held from the connect to the end of its probe (--per-host counts every connection).
      const release = await opts.hosts.acquire(task.host);
      try {
        const c = await connector.connect(task.host, task.port);
        await settle(task, c.state, c.state === 'open' ? undefined : c.reason, c.state === 'open' ? c.socket : undefined);
      } finally {
        release();
      }
    }
  };
  const n = Number(set.probeCount < BigInt(opts.concurrency) ? set.probeCount : BigInt(opts.concurrency));
  if (n === 0) return;
  try {
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    connector.close();
  }
}

/** Addresses per chunk sent to a thread: large enough to amortise a message, small enough to balance the threads. */
const CHUNK_ADDRESSES = 2048;

/**
 * Discovery on worker threads (both cores: the connect and close system calls are most of the cost). This thread
 * sends slices of the address grid (no per-probe object is made here), at most two outstanding per thread, probes
 * the fixed targets itself, and deep-probes what comes back open.
 */
async function discoverInThreads(set: TargetSet, opts: { timeoutMs: number; concurrency: number; rate?: number; perHost?: number; hosts: HostLimiter }, threads: number, settle: Settle, onClosed: (closed: number, filtered: number) => void): Promise<void> {
  const perThread = Math.max(1, Math.ceil(opts.concurrency / threads));
  // The rate is shared out between the threads (and the fixed targets probed here count against this thread's share).
  const rate = opts.rate ? Math.max(1, Math.ceil(opts.rate / threads)) : 0;
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./discovery-worker.js', import.meta.url), { workerData: { timeoutMs: opts.timeoutMs, concurrency: perThread, grid: set.grid, rate, perHost: opts.perHost ?? 0 }, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 16 + Math.ceil(perThread / 100) } }),
  );
  const chunks = set.chunks(CHUNK_ADDRESSES);
  const task = gridTasker(set.grid);
  let nextId = 0;
  const fixedDone = discoverHere({ ...set, probeCount: BigInt(set.fixedTasks.length), tasks: () => set.fixedTasks.values() as Generator<ProbeTask> }, { ...opts, connector: new Connector(opts.timeoutMs, { rate }) }, settle);
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let outstanding = 0;
            const feed = () => {
              while (outstanding < 2) {
                const c = chunks.next();
                if (c.done) break;
                outstanding++;
                w.postMessage({ id: nextId++, chunk: c.value });
              }
              if (outstanding === 0) resolve();
            };
            w.on('message', (r: ChunkResult) => {
              outstanding--;
              onClosed(r.closed, r.filtered);
              for (const x of r.reported) settle(task(x.host, x.port), x.state, x.reason);
              feed();
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

