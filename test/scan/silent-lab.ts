/**
 * @fileoverview Run inside a network namespace of its own by test/scan/silent.test.ts: there 127.98.0.0/16 is routed
 * to loopback but not local, so a SYN to it is dropped without an answer (as a firewall would), while 127.98.0.1 is
 * local and answers. Measures how soon discovery gives up on a silent address once round trips were measured, on the
 * JavaScript connector, the native scanner and the CLI; prints the figures as JSON.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BIN } from '../helpers/paths.js';
import { Connector } from '../../src/probe/tcp.js';
import { sharedEstimate, Timing, TIMING, Window } from '../../src/probe/pace.js';
import { loadNative, nativeConfig, type ThreadTiming } from '../../src/probe/discovery-worker.js';

/** What the lab measured (ms; states as the scanners name them). */
export interface SilentLab {
  js: { open: string; silent: string; silentMs: number; explore: string; exploreMs: number; reason: string };
  native?: { states: number[]; ms: number };
  /** ms: the whole process; scanMs: from the command's start to its result (what a loaded machine's start-up does not blur). */
  cli: { ms: number; scanMs: number; states: Record<string, string>; reason?: string; code: number | null };
}

export const ANSWERS = '127.98.0.1';
export const SILENT = '127.98.0.5';
/** In another /24 that never answered: explored with the initial timeout first. */
export const SILENT_ELSEWHERE = '127.98.1.5';
const TIMEOUT = 3000;
/** The CLI's --timeout: long, so that a machine loaded by other tests cannot blur the difference. */
export const CLI_TIMEOUT = 20000;

async function lab(): Promise<SilentLab> {
  // Accepts and closes at once: open, and the MQTT probe ends quickly (not MQTT).
  const server = createServer((s) => s.destroy());
  server.listen(0, ANSWERS);
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  try {
    const connector = new Connector(TIMEOUT, { timing: new Timing(TIMEOUT), window: new Window(8, 8) });
    let open = '';
    for (let i = 0; i < 3; i++) {
      const r = await connector.connect(ANSWERS, port);
      open = r.state;
      if (r.state === 'open') r.socket.destroy();
    }
    let t = performance.now();
    const silent = await connector.connect(SILENT, port);
    const silentMs = performance.now() - t;
    t = performance.now();
    const explore = await connector.connect(SILENT_ELSEWHERE, port);
    const exploreMs = performance.now() - t;
    connector.close();
    const js = { open, silent: silent.state, silentMs, explore: explore.state, exploreMs, reason: silent.state === 'open' ? '' : silent.reason };

    const scanner = loadNative();
    let native: SilentLab['native'];
    if (scanner) {
      const timing: ThreadTiming = { timeoutMs: TIMEOUT, start: 8, cap: 8, initialMs: TIMING.initialMs, floorMs: TIMING.floorMs, firstLookMs: TIMING.firstLookMs, attempts: TIMING.attempts, explore: TIMING.explore, shared: sharedEstimate() };
      const v4 = (s: string) => s.split('.').reduce((n, x) => n * 256 + Number(x), 0);
      t = performance.now();
      const states = scanner.scan(Uint32Array.of(v4(ANSWERS), v4(SILENT)), Uint16Array.of(port, port), nativeConfig(timing, 0, 0), timing.shared, 0, false);
      native = { states: Array.from(states), ms: performance.now() - t };
    }

    t = performance.now();
    const child = spawn(process.execPath, [BIN, 'scan', ANSWERS, SILENT, '--ports', String(port), '--timeout', String(CLI_TIMEOUT), '--listen', '0', '--format', 'json', '--fail-on', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const [code] = (await once(child, 'close')) as [number | null];
    const ms = performance.now() - t;
    const res = JSON.parse(out) as { startedAt: string; finishedAt: string; targets: { host: string; state: string; reason?: string }[] };
    const states = Object.fromEntries(res.targets.map((x) => [x.host, x.state]));
    const scanMs = Date.parse(res.finishedAt) - Date.parse(res.startedAt);
    return { js, native, cli: { ms, scanMs, states, reason: res.targets.find((x) => x.host === SILENT)?.reason, code } };
  } finally {
    server.close();
  }
}

// Only when run (inside the namespace); the test imports the names above.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(JSON.stringify(await lab()));
