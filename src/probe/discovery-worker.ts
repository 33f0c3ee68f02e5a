/** @fileoverview A discovery thread: TCP connects over slices of the address grid; only what matters goes back (worker_threads). */
import { parentPort, workerData } from 'node:worker_threads';
import { gridProbes, type GridChunk, type GridShape } from '../targets/target-set.js';
import { Connector } from './tcp.js';

/** One probe worth reporting: open (the main thread probes it again), an error, or a closed/filtered single target. */
export interface Reported {
  host: string;
  port: number;
  state: 'open' | 'closed' | 'filtered' | 'error';
  reason?: string;
}

/** What a thread sends back for a chunk. */
export interface ChunkResult {
  id: number;
  probes: number;
  closed: number;
  filtered: number;
  reported: Reported[];
}

if (parentPort) {
  const port = parentPort;
  const { timeoutMs, concurrency, grid } = workerData as { timeoutMs: number; concurrency: number; grid: GridShape };
  const singles = new Set(grid.singles);
  const connector = new Connector(timeoutMs);
  Error.stackTraceLimit = 0; // see scan.ts
  port.on('message', (m: { id: number; chunk: GridChunk }) => {
    const res: ChunkResult = { id: m.id, probes: 0, closed: 0, filtered: 0, reported: [] };
    const probes = gridProbes(m.chunk, grid);
    let active = 0;
    let exhausted = false;
    // Callbacks, not promises: this loop runs a /16 in ~131k turns and every allocation shows (docs/BENCHMARKS.md).
    const pump = () => {
      while (!exhausted && active < concurrency) {
        const next = probes.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const { host, port: p } = next.value;
        active++;
        connector.connectCb(host, p, (r) => {
          active--;
          res.probes++;
          if (r.state === 'open') {
            // A socket cannot cross threads: the main thread connects again to probe it.
            r.socket.destroy();
            res.reported.push({ host, port: p, state: 'open' });
          } else if (r.state === 'error' || singles.has(host)) res.reported.push({ host, port: p, state: r.state, reason: r.reason });
          else res[r.state]++;
          pump();
        });
      }
      if (exhausted && active === 0) port.postMessage(res);
    };
    pump();
  });
}
