/** @fileoverview TCP connect with a bound: refused → closed, no answer → filtered, anything else → error. Never throws. */
import { Socket, connect } from 'node:net';
import { Pacer } from './pace.js';

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

/**
 * Connects for discovery without a timer per probe: one sweeper, ticking every 100 ms, destroys connects past their
 * deadline. A /16 is 131,072 connects; a timer each is measurable (docs/BENCHMARKS.md).
 */
export class Connector {
  private readonly pending = new Set<{ socket: Socket; deadline: number; done: (r: TcpResult) => void }>();

  private sweeper: NodeJS.Timeout | undefined;
  private readonly perHost = new Map<string, number>();
  private readonly queued = new Map<string, (() => void)[]>();
  private readonly pacer: Pacer;
  constructor(
    private readonly timeoutMs: number,
    private readonly limits: { rate?: number; perHost?: number } = {},
  ) {
    this.pacer = new Pacer(limits.rate ?? 0);
  }

  /** Connect with a callback (no promise per probe on the hot path), within --rate and --per-host. */
  connectCb(host: string, port: number, done: (r: TcpResult) => void): void {
    const cap = this.limits.perHost ?? 0;
    if (cap > 0) {
      const n = this.perHost.get(host) ?? 0;
      if (n >= cap) {
        this.queued.set(host, [...(this.queued.get(host) ?? []), () => this.connectCb(host, port, done)]);
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
    const socket = new Socket();
    const entry = { socket, deadline: Date.now() + this.timeoutMs, done };
    this.pending.add(entry);
    this.sweeper ??= setInterval(() => this.sweep(), 100);
    // NOTE: listeners stay on the socket: a refused socket is garbage at once, an open one is destroyed or handed on
    // with an 'error' listener that only keeps a late error from crashing the process.
    socket.once('connect', () => {
      if (this.pending.delete(entry)) done({ state: 'open', socket });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (!this.pending.delete(entry)) return;
      done(e.code === 'ECONNREFUSED' ? CLOSED : e.code && FILTERED.has(e.code) ? { state: 'filtered', reason: e.code } : { state: 'error', reason: e.code ?? e.message });
    });
    socket.connect(port, host);
  }

  /** The same as a promise. */
  connect(host: string, port: number): Promise<TcpResult> {
    return new Promise((resolve) => this.connectCb(host, port, resolve));
  }

  private sweep(): void {
    const now = Date.now();
    for (const e of this.pending) {
      if (e.deadline <= now) {
        this.pending.delete(e);
        e.socket.destroy();
        e.done({ state: 'filtered', reason: `no answer to the TCP connect within ${this.timeoutMs} ms` });
      }
    }
    if (this.pending.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  /** Stop the sweeper (pending connects are left to finish). */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}

const CLOSED: TcpResult = { state: 'closed', reason: 'connection refused' };
