/** @fileoverview The scan pipeline: pull probes from the target stream, at most --concurrency in flight (p-limit); keep what is worth reporting. */
import pLimit from 'p-limit';
import type { TargetSet } from '../targets/target-set.js';
import { toBig } from '../targets/ip.js';
import { runProbe, type ProbeOptions, type TargetFacts } from './run-probe.js';

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
export async function runScan(set: TargetSet, opts: ProbeOptions & { concurrency: number }, onProgress?: ProgressFn): Promise<{ targets: TargetFacts[]; counts: ScanCounts }> {
  const limit = pLimit(opts.concurrency);
  const counts: ScanCounts = { done: 0, open: 0, closed: 0, filtered: 0, notMqtt: 0, error: 0, brokers: 0 };
  const kept: TargetFacts[] = [];
  let wake: (() => void) | undefined;
  const work = async (t: Parameters<typeof runProbe>[0]) => {
    const r = await runProbe(t, opts);
    counts.done++;
    if (r.state === 'not-mqtt') counts.notMqtt++;
    else counts[r.state]++;
    if (r.mqtt) counts.brokers++;
    if (r.single || (r.state !== 'closed' && r.state !== 'filtered')) kept.push(r);
    onProgress?.(counts);
  };
  for (const task of set.tasks()) {
    while (limit.activeCount + limit.pendingCount >= opts.concurrency) await new Promise<void>((r) => (wake = r));
    void limit(work, task).finally(() => {
      const w = wake;
      wake = undefined;
      w?.();
    });
  }
  while (limit.activeCount + limit.pendingCount > 0) await new Promise<void>((r) => (wake = r));
  kept.sort(compareTargets);
  return { targets: kept, counts };
}

/** Order targets by address (numerically, IPv4 first), then port. */
export function compareTargets(a: { host: string; port: number }, b: { host: string; port: number }): number {
  const x = toBig(a.host);
  const y = toBig(b.host);
  return x.family - y.family || (x.n < y.n ? -1 : x.n > y.n ? 1 : 0) || a.port - b.port;
}
