/** @fileoverview Progress on stderr, only on a terminal, never with --quiet or --no-progress (cli-progress draws the bar). */
import { createRequire } from 'node:module';
import { io } from './io.js';
import type { ScanCounts } from '../probe/scan.js';

/** A progress display for a scan; a no-op when stderr is not a terminal. */
export interface Progress {
  update(c: ScanCounts): void;
  stop(): void;
}

/** Create the scan progress bar for total probes. */
export function scanProgress(total: number, opts: { quiet?: boolean; progress?: boolean; color?: boolean }): Progress {
  if (opts.quiet || opts.progress === false || !io().stderr.isTTY) return { update() {}, stop() {} };
  // Loaded only when a bar is drawn.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: io().stderr,
      format: 'scanning [{bar}] {value}/{total} probes | {brokers} | {rate}/s | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const brokers = (n: number) => `${n} broker${n === 1 ? '' : 's'}`;
  bar.start(total, 0, { brokers: brokers(0), rate: 0 });
  return {
    update(c) {
      const secs = (Date.now() - started) / 1000;
      bar.update(c.done, { brokers: brokers(c.brokers), rate: secs > 0 ? Math.round(c.done / secs) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
