/** @fileoverview A discovery thread: TCP connects over slices of the address grid; only what matters goes back (worker_threads). */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { gridProbes, gridProbesV4, type GridChunk, type GridShape } from '../targets/grid.js';
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

/** The native scanner (native/fastscan.c), when it was built and not turned off with MQTT_AUDIT_NATIVE=0. */
export type NativeScan = (addrs: Uint32Array, ports: Uint16Array, timeoutMs: number, concurrency: number, rate: number, perHost: number) => Int32Array;
export function loadNative(): NativeScan | undefined {
  if (process.env.MQTT_AUDIT_NATIVE === '0') return undefined;
  try {
    return (createRequire(import.meta.url)('../../../build/Release/fastscan.node') as { scan: NativeScan }).scan;
  } catch {
    return undefined;
  }
}

const ERRNO: Record<number, string> = { 1: 'EPERM', 13: 'EACCES', 24: 'EMFILE', 99: 'EADDRNOTAVAIL', 101: 'ENETUNREACH', 105: 'ENOBUFS', 111: 'ECONNREFUSED', 113: 'EHOSTUNREACH' };

if (parentPort) {
  const port = parentPort;
  const { timeoutMs, concurrency, grid, rate, perHost } = workerData as { timeoutMs: number; concurrency: number; grid: GridShape; rate: number; perHost: number };
  const native = loadNative();
  const singles = new Set(grid.singles);
  const connector = new Connector(timeoutMs, { rate, perHost });
  Error.stackTraceLimit = 0; // see scan.ts
  port.on('message', (m: { id: number; chunk: GridChunk }) => {
    const res: ChunkResult = { id: m.id, probes: 0, closed: 0, filtered: 0, reported: [] };
    if (native && grid.v4only) {
      const { addrs, ports } = gridProbesV4(m.chunk, grid);
      const states = native(addrs, ports, timeoutMs, concurrency, rate, perHost);
      for (let i = 0; i < states.length; i++) {
        const st = states[i];
        res.probes++;
        const n = addrs[i];
        const host = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
        if (st === 2) res.reported.push({ host, port: ports[i], state: 'open' });
        else if (st < 0) res.reported.push({ host, port: ports[i], state: 'error', reason: ERRNO[-st] ?? `errno ${-st}` });
        else if (singles.has(host)) res.reported.push({ host, port: ports[i], state: st === 0 ? 'closed' : 'filtered', reason: st === 0 ? 'connection refused' : `no answer to the TCP connect within ${timeoutMs} ms` });
        else res[st === 0 ? 'closed' : 'filtered']++;
      }
      port.postMessage(res);
      return;
    }
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
