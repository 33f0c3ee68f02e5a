/** @fileoverview TCP connect with a bound: refused → closed, no answer → filtered, anything else → error. Never throws. */
import { Socket, connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterSilence, netKey, Pacer, Timing, TIMING, Window } from './pace.js';

/** The outcome of a TCP connect. */
export type TcpResult = { state: 'open'; socket: Socket } | { state: 'closed' | 'filtered' | 'error'; reason: string };

const FILTERED = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT']);

/** Connect to host:port within timeoutMs. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<TcpResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ state: 'filtered', reason: `no answer to the TCP connect within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ state: 'open', socket });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      if (e.code === 'ECONNREFUSED') resolve({ state: 'closed', reason: 'connection refused' });
      else if (e.code && FILTERED.has(e.code)) resolve({ state: 'filtered', reason: e.code });
      else resolve({ state: 'error', reason: e.code ?? e.message });
    });
  });
}

/** The reason of a probe that stayed silent through its connects. */
export function silentReason(attempts: number): string {
  return attempts > 1 ? `no answer to the TCP connect (${attempts} tries)` : 'no answer to the TCP connect';
}

/** Errors that are answers from the network (a RST, an ICMP error) when they come after the SYN left, not from this host. */
const ANSWERS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);

/** One probe: its first connect and, once that was silent for its timeout, a retry beside it (the first may still answer). */
interface Probe {
  host: string;
  port: number;
  net: string;
  done: (r: TcpResult) => void;
  sockets: [Socket | undefined, Socket | undefined];
  sent: [number, number];
  /** Bit i: connect i failed on this host before anything was sent (no route): not a round trip. */
  local: number;
  deadline: number;
  /** The timeout the deadline was computed with. */
  tused: number;
  /** The first connect got the initial timeout to explore its network. */
  explore: boolean;
  /** The retry waits for --rate: start it at the deadline without another reservation. */
  retryDue: boolean;
  over: boolean;
}

/** How often the busy share is measured. */
const BUSY_EVERY_MS = 50;

/** Probes put aside at most (beyond, a silent first connect is retried at once). */
const MAX_PARKED = 65536;

/** Timers fire up to this late, so that one sweep ends the probes whose deadlines fell close together. */
const SLACK_MS = 4;

function markLocal(p: Probe, i: 0 | 1, socket: Socket): void {
  if (socket.destroyed) p.local |= 1 << i;
}

/**
 * Connects for discovery with adaptive timing (docs/scan.md, "Timing on silent networks"): each connect's timeout
 * comes from the round trips measured to its network (Timing), a silent probe is retried once, and the window of
 * probes in flight (Window) grows while answers come back in time. No timer per probe: one sweeper is armed for the
 * earliest deadline (a /16 is 131,072 connects; a timer each is measurable, docs/BENCHMARKS.md).
 */
export class Connector {
  private readonly pending = new Set<Probe>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly perHost = new Map<string, number>();
  private readonly queued = new Map<string, (() => void)[]>();
  private readonly pacer: Pacer;
  readonly timing: Timing;
  private readonly win: Window;
  private readonly attempts: number;
  private seenGeneration = 0;
  /** Probes put aside: the first connect went unanswered before anything was measured (see sweep). */
  private readonly parked: Probe[] = [];
  /** The caller has no new probe for now: put-aside probes are retried at once. */
  private flushing = false;
  /** Probes taken and not yet done (also those waiting for --per-host or --rate, or put aside). */
  inFlight = 0;
  /** Called when the window has room that no ending probe made (probes were put aside): the caller takes more. */
  onRoom: (() => void) | undefined;
  constructor(
    timeoutMs: number,
    private readonly limits: { rate?: number; perHost?: number; timing?: Timing; window?: Window; attempts?: number } = {},
  ) {
    this.pacer = new Pacer(limits.rate ?? 0);
    this.timing = limits.timing ?? new Timing(timeoutMs);
    this.win = limits.window ?? new Window(256, 256);
    this.attempts = limits.attempts ?? TIMING.attempts;
  }

  /** Probes that may be taken now (callers take more while their count is below it); a probe put aside holds no place. */
  get window(): number {
    return this.win.size + this.parked.length;
  }

  /** The caller has nothing new for now (its targets are exhausted): retry what was put aside without waiting for a measurement. */
  flush(): void {
    this.flushing = true;
    this.unpark();
  }

  /** Connect with a callback (no promise per probe on the hot path), within --rate and --per-host. */
  connectCb(host: string, port: number, done: (r: TcpResult) => void): void {
    this.flushing = false;
    this.inFlight++;
    const inner = done;
    done = (r) => {
      this.inFlight--;
      inner(r);
    };
    this.take(host, port, done);
  }

  private take(host: string, port: number, done: (r: TcpResult) => void): void {
    const cap = this.limits.perHost ?? 0;
    if (cap > 0) {
      const n = this.perHost.get(host) ?? 0;
      if (n >= cap) {
        this.queued.set(host, [...(this.queued.get(host) ?? []), () => this.take(host, port, done)]);
        return;
      }
      this.perHost.set(host, n + 1);
      const inner = done;
      done = (r) => {
        const m = (this.perHost.get(host) ?? 1) - 1;
        if (m <= 0) this.perHost.delete(host);
        else this.perHost.set(host, m);
        const q = this.queued.get(host);
        const next = q?.shift();
        if (q && q.length === 0) this.queued.delete(host);
        inner(r);
        next?.();
      };
    }
    const wait = this.pacer.reserve();
    if (wait > 0.5) setTimeout(() => this.start(host, port, done), wait);
    else this.start(host, port, done);
  }

  private start(host: string, port: number, done: (r: TcpResult) => void): void {
    const net = netKey(host);
    const t = this.timing.timeoutAtStart(net);
    const now = performance.now();
    const p: Probe = { host, port, net, done, sockets: [undefined, undefined], sent: [now, 0], local: 0, deadline: now + t, tused: t, explore: this.timing.explored, retryDue: false, over: false };
    this.pending.add(p);
    p.sockets[0] = this.open(p, 0);
    if (!p.over) this.arm(p.deadline);
  }

  /** Connect i of probe p. */
  private open(p: Probe, i: 0 | 1): Socket {
    const socket = new Socket();
    // NOTE: listeners stay on the socket: a refused socket is garbage at once, an open one is destroyed or handed on
    // with an 'error' listener that only keeps a late error from crashing the process.
    socket.once('connect', () => this.answer(p, i, socket, undefined));
    socket.once('error', (e: NodeJS.ErrnoException) => this.answer(p, i, socket, e));
    socket.connect(p.port, p.host);
    // Node connects to an address literal on the next tick; a connect that failed there (no route) is destroyed by now.
    process.nextTick(markLocal, p, i, socket);
    return socket;
  }

  /** Connect i of p connected (e undefined) or failed. */
  private answer(p: Probe, i: 0 | 1, socket: Socket, e: NodeJS.ErrnoException | undefined): void {
    if (p.over) return;
    const now = performance.now();
    const code = e?.code;
    if (!e || (code && ANSWERS.has(code) && !(p.local & (1 << i)))) {
      this.timing.sample(p.net, now - p.sent[i]);
      // A timeout fell (the first round trip was measured): sweep at once, so that pending deadlines shorten now.
      if (this.timing.generation !== this.seenGeneration) this.arm(now - SLACK_MS);
      // In time: the first connect, before its retry. Otherwise the first was lost, or answered late: congestion.
      if (i === 0 && !p.sockets[1]) this.win.answered(this.inFlight, this.busy(now));
      else this.win.congestion(p.sent[0], now);
    }
    const r: TcpResult = !e ? { state: 'open', socket } : code === 'ECONNREFUSED' ? CLOSED : code && FILTERED.has(code) ? { state: 'filtered', reason: code } : { state: 'error', reason: code ?? e.message };
    this.end(p, r, e ? undefined : socket);
  }

  private end(p: Probe, r: TcpResult, keep?: Socket): void {
    p.over = true;
    this.pending.delete(p);
    for (const s of p.sockets) if (s && s !== keep) s.destroy();
    this.unpark(); // the place it held goes to a probe put aside first
    p.done(r);
  }

  /** Retry probes put aside while there is room, once something is measured (or the caller has nothing new). */
  private unpark(): void {
    while (this.parked.length && this.pending.size < this.win.size && (this.flushing || this.timing.anything())) {
      const p = this.parked.shift()!;
      this.pending.add(p);
      const wait = this.pacer.reserve();
      p.retryDue = true;
      p.deadline = performance.now() + wait;
      if (wait <= 0.5) this.retry(p);
      else this.arm(p.deadline);
    }
  }

  /** Start p's retry (its first connect may still be open beside it). */
  private retry(p: Probe): void {
    const t = this.timing.timeout(p.net);
    p.retryDue = false;
    p.sent[1] = performance.now();
    p.deadline = p.sent[1] + t;
    p.tused = t;
    p.explore = false;
    p.sockets[1] = this.open(p, 1);
    this.arm(p.deadline);
  }

  /** The same as a promise. */
  connect(host: string, port: number): Promise<TcpResult> {
    return new Promise((resolve) => this.connectCb(host, port, resolve));
  }

  /** Arm the sweeper for a deadline, unless it fires before it anyway. */
  private arm(deadline: number): void {
    if (this.timer && this.timerAt <= deadline + SLACK_MS) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = deadline + SLACK_MS;
    // The sweep runs after this turn's I/O (setImmediate): answers that came in while the loop was busy count first.
    this.timer = setTimeout(() => setImmediate(() => this.sweep()), Math.max(0, this.timerAt - performance.now()));
  }

  private sweep(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    // A timeout fell (the first round trip was measured, here or in another thread): shorten what waits on the old one.
    this.timing.refresh();
    if (this.timing.generation !== this.seenGeneration) {
      this.seenGeneration = this.timing.generation;
      for (const p of this.pending) {
        if (p.explore && !this.timing.measured(p.net)) continue;
        const t = this.timing.timeout(p.net);
        if (t < p.tused) {
          p.deadline -= p.tused - t;
          p.tused = t;
        }
      }
    }
    let next = Infinity;
    const parked = this.parked.length;
    for (const p of this.pending) {
      if (p.deadline <= now) {
        const step = p.retryDue ? 'retry' : afterSilence(!!p.sockets[1], this.attempts, this.timing.anything(), this.flushing || this.parked.length >= MAX_PARKED);
        if (step === 'aside') {
          // Nothing is measured anywhere yet: put it aside and let new probes go first, rather than hold its place for
          // another unknowing timeout; it is retried once something is measured (or nothing new is left).
          p.sockets[0]?.destroy();
          p.sockets[0] = undefined;
          this.pending.delete(p);
          this.parked.push(p);
          continue;
        } else if (step === 'retry') {
          const wait = p.retryDue ? 0 : this.pacer.reserve();
          if (wait > 0.5) {
            p.retryDue = true;
            p.deadline = now + wait;
          } else this.retry(p);
        } else {
          this.end(p, { state: 'filtered', reason: silentReason(this.attempts) });
          continue;
        }
      }
      if (!p.over && p.deadline < next) next = p.deadline;
    }
    this.unpark();
    if (next < Infinity) this.arm(next);
    if (this.parked.length > parked) this.onRoom?.();
  }

  /** The share of the last ~50 ms this thread's event loop was busy (not waiting for I/O). */
  private busy(now: number): number {
    if (now - this.busyAt >= BUSY_EVERY_MS) {
      const elu = performance.eventLoopUtilization();
      this.busyShare = performance.eventLoopUtilization(elu, this.elu).utilization;
      this.elu = elu;
      this.busyAt = now;
    }
    return this.busyShare;
  }
  private elu = performance.eventLoopUtilization();
  private busyAt = 0;
  private busyShare = 1; // busy until measured

  /** Stop the sweeper (pending connects are left to finish). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}

const CLOSED: TcpResult = { state: 'closed', reason: 'connection refused' };
