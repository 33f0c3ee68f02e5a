/** @fileoverview Politeness and timing: a pacer for new connections a second (--rate), a cap of connections per host (--per-host), round-trip estimates and the window of discovery. */
import { readFileSync } from 'node:fs';
import { v6ToBig } from '../common/ip.js';

/** Spaces reservations 1/rate seconds apart; rate 0 is unlimited. */
export class Pacer {
  private last = 0;
  private readonly gap: number;
  constructor(rate: number) {
    this.gap = rate > 0 ? 1000 / rate : 0;
  }
  /** Reserve the next slot; the milliseconds to wait before using it (0: now). */
  reserve(): number {
    if (this.gap === 0) return 0;
    const now = performance.now();
    const at = Math.max(now, this.last + this.gap);
    this.last = at;
    return at - now;
  }
  /** Wait for the next slot. */
  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
  }
}

/** At most `cap` holders per host at once; the others wait in order. */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly cap: number) {}
  /** Resolves when a place is free for host; call the returned function to give it back. */
  async acquire(host: string): Promise<() => void> {
    if (this.cap <= 0) return () => undefined;
    const n = this.active.get(host) ?? 0;
    if (n >= this.cap) await new Promise<void>((r) => this.waiting.set(host, [...(this.waiting.get(host) ?? []), r]));
    else this.active.set(host, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const q = this.waiting.get(host);
      const next = q?.shift();
      if (q && q.length === 0) this.waiting.delete(host);
      if (next) next(); // the place passes straight to the next waiter
      else {
        const m = (this.active.get(host) ?? 1) - 1;
        if (m <= 0) this.active.delete(host);
        else this.active.set(host, m);
      }
    };
  }
}

/**
 * The timing model of discovery (docs/scan.md, "Timing on silent networks"). native/fastscan.c implements the same
 * model and gets these values from its caller; test/scan/timing.test.ts replays one event sequence through both.
 */
export const TIMING = {
  /** The timeout of a connect into a network that has not answered yet, when its verdict counts (nmap's initial RTT timeout). */
  initialMs: 1000,
  /**
   * The timeout of a first connect while nothing at all is measured (nmap -T4's initial RTT timeout). Such a first
   * look is no verdict: unanswered, the probe is put aside and retried once something is measured (or at the end).
   */
  firstLookMs: 500,
  /** Never less, whatever was measured (nmap's minimum RTT timeout). */
  floorMs: 100,
  /** Connects per probe that stays silent: the first and one retry (the first is left to answer while its retry waits). */
  attempts: 2,
  /** Probes into a network that has not answered yet that still get the initial timeout, not the global estimate. */
  explore: 8,
  /** The window grows from --concurrency up to this many times it. */
  growth: 8,
  /** Above this share of its time busy (not waiting for the network), a thread does not grow its window. */
  busy: 0.5,
  /** Networks (a /24 or a /64 each) with an entry of their own at most; beyond them new networks use the global estimate. */
  maxNets: 65536,
} as const;

/** How discovery is timed: adaptive (TIMING), or MQTT_AUDIT_TIMING=fixed (one connect per probe, --timeout each, a fixed window). */
export function adaptiveTiming(): boolean {
  return process.env.MQTT_AUDIT_TIMING !== 'fixed';
}

/**
 * The global estimate, shared by every discovery thread (and read and written by native/fastscan.c): an Int32Array of
 * SHARED_SLOTS over a SharedArrayBuffer. Slots: smoothed round trip and its variation in microseconds, samples taken
 * (the fourth is spare).
 */
export const SHARED_SLOTS = 4;
const SRTT = 0;
const RTTVAR = 1;
const SAMPLES = 2;

/** A fresh shared estimate (nothing measured). */
export function sharedEstimate(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(SHARED_SLOTS * 4));
}

/** The network an address belongs to for timing: its /24 (IPv4) or /64 (IPv6). */
export function netKey(host: string): string {
  if (!host.includes(':')) return host.slice(0, host.lastIndexOf('.'));
  return (v6ToBig(host) >> 64n).toString(16);
}

interface NetEstimate {
  srtt: number;
  rttvar: number;
  samples: number;
  /** Probes started into the network before its first sample. */
  started: number;
}

/**
 * Round-trip estimates per network, RFC 6298-style (srtt, rttvar; α = 1/8, β = 1/4), and a global one for networks
 * that have answered nothing yet. The timeout is srtt + 4·rttvar, bounded below by the floor and above by --timeout;
 * before any sample, the first look or the initial value — the latter also for the first TIMING.explore probes into a
 * network that has not answered yet, so that a distant network is not timed out at the pace of near ones before it
 * could answer once.
 */
export class Timing {
  private readonly nets = new Map<string, NetEstimate>();
  readonly floorMs: number;
  readonly initialMs: number;
  readonly firstLookMs: number;
  /** Bumped when a timeout fell by more than a quarter: pending deadlines are worth looking at again. */
  generation = 0;
  /** Whether the last timeoutAtStart() gave the initial timeout to explore a network. */
  explored = false;
  private lastGlobal: number;
  constructor(
    readonly maxMs: number,
    readonly shared: Int32Array = sharedEstimate(),
    opts: { initialMs?: number; floorMs?: number; firstLookMs?: number } = {},
  ) {
    this.floorMs = Math.min(opts.floorMs ?? TIMING.floorMs, maxMs);
    this.initialMs = Math.min(opts.initialMs ?? TIMING.initialMs, maxMs);
    this.firstLookMs = Math.min(opts.firstLookMs ?? TIMING.firstLookMs, maxMs);
    this.lastGlobal = this.globalTimeout();
  }

  /** The timeout (ms) of a connect into network net now (a retry, or a deadline looked at again). */
  timeout(net: string): number {
    const e = this.nets.get(net);
    return e && e.samples > 0 ? this.bound(e.srtt + 4 * e.rttvar) : this.globalTimeout();
  }

  /**
   * The timeout (ms) of a probe's first connect into network net: its own estimate; a first look while nothing is
   * measured; the initial timeout for the first TIMING.explore probes into a network (explored is then true); else the
   * global estimate.
   */
  timeoutAtStart(net: string): number {
    let e = this.nets.get(net);
    this.explored = false;
    if (e && e.samples > 0) return this.bound(e.srtt + 4 * e.rttvar);
    if (!this.anything()) return this.firstLookMs;
    if (!e && this.nets.size < TIMING.maxNets) this.nets.set(net, (e = { srtt: 0, rttvar: 0, samples: 0, started: 0 }));
    if (e && e.started < TIMING.explore) {
      e.started++;
      this.explored = true;
      return this.initialMs;
    }
    return this.globalTimeout();
  }

  /** Whether anything was measured yet, in any thread. */
  anything(): boolean {
    return Atomics.load(this.shared, SAMPLES) > 0;
  }

  /** Whether network net has answered (its own estimate is used). */
  measured(net: string): boolean {
    return (this.nets.get(net)?.samples ?? 0) > 0;
  }

  /** The global timeout (ms): for networks without a sample of their own. */
  globalTimeout(): number {
    const s = this.shared;
    if (Atomics.load(s, SAMPLES) === 0) return this.initialMs;
    return this.bound((Atomics.load(s, SRTT) + 4 * Atomics.load(s, RTTVAR)) / 1000);
  }

  private bound(t: number): number {
    return Math.min(this.maxMs, Math.max(this.floorMs, t));
  }

  /** A round trip measured to network net (ms). */
  sample(net: string, rttMs: number): void {
    const before = this.timeout(net);
    const e = this.nets.get(net);
    if (e && e.samples > 0) {
      e.rttvar = 0.75 * e.rttvar + 0.25 * Math.abs(e.srtt - rttMs);
      e.srtt = 0.875 * e.srtt + 0.125 * rttMs;
      e.samples++;
    } else if (e) Object.assign(e, { srtt: rttMs, rttvar: rttMs / 2, samples: 1 });
    else if (this.nets.size < TIMING.maxNets) this.nets.set(net, { srtt: rttMs, rttvar: rttMs / 2, samples: 1, started: 0 });
    // The global estimate in whole microseconds; another thread may update it at the same moment, and one of the two
    // updates is then lost: an estimate can afford that, a lock on every answer cannot.
    const s = this.shared;
    const us = Math.round(rttMs * 1000);
    if (Atomics.load(s, SAMPLES) === 0) {
      Atomics.store(s, SRTT, us);
      Atomics.store(s, RTTVAR, Math.round(us / 2));
    } else {
      const srtt = Atomics.load(s, SRTT);
      Atomics.store(s, RTTVAR, Math.round(0.75 * Atomics.load(s, RTTVAR) + 0.25 * Math.abs(srtt - us)));
      Atomics.store(s, SRTT, Math.round(0.875 * srtt + 0.125 * us));
    }
    if (Atomics.load(s, SAMPLES) < 0x7fffffff) Atomics.add(s, SAMPLES, 1);
    if (this.timeout(net) < 0.75 * before) this.generation++;
    this.refresh();
  }

  /** Notice a fall of the global timeout (also one another thread caused); true when pending deadlines should be looked at again. */
  refresh(): boolean {
    const g = this.globalTimeout();
    const fell = g < 0.75 * this.lastGlobal;
    if (fell || g > this.lastGlobal) this.lastGlobal = g;
    if (fell) this.generation++;
    return fell;
  }
}

/**
 * What a probe does when its connect stayed silent for its timeout: a retry (beside the first connect, which may still
 * answer); put aside, when nothing at all is measured yet (that first look is no verdict: it is retried once something
 * is measured, or when nothing new is left — `noRoom` when it cannot wait); or the end, filtered, after its attempts.
 * native/fastscan.c decides the same way.
 */
export function afterSilence(retried: boolean, attempts: number, anythingMeasured: boolean, noRoom: boolean): 'retry' | 'aside' | 'filtered' {
  if (retried || attempts <= 1) return 'filtered';
  return anythingMeasured || noRoom ? 'retry' : 'aside';
}

/**
 * How many probes may be in flight: starts at --concurrency and never goes below it; grows by one for each answer in
 * time while the window is in use and the thread mostly waits for the network (slow start), by 1/window after the
 * first congestion; halves (down to the start) on a loss or a late answer, at most once per flight; never above cap
 * (TIMING.growth × --concurrency, and what the file-descriptor limit allows). A thread that is busy (loopback, a near
 * network answering at once) gains nothing from more probes in flight, and does not grow.
 */
export class Window {
  private cwnd: number;
  private ssthresh = Infinity;
  private cutAt = -Infinity;
  constructor(
    readonly start: number,
    readonly cap: number,
  ) {
    this.cwnd = start;
  }

  /** Probes allowed in flight now. */
  get size(): number {
    return Math.floor(this.cwnd);
  }

  /** A first connect answered in time with inFlight probes in flight, the thread busy this share of its time lately: grow, when the window was the limit. */
  answered(inFlight: number, busy: number): void {
    if (inFlight < this.size - 1) return; // limited by --rate, --per-host or the targets, not by the window
    if (busy >= TIMING.busy) return; // limited by this thread, not by the window
    this.cwnd = Math.min(this.cap, this.cwnd + (this.cwnd < this.ssthresh ? 1 : 1 / this.cwnd));
  }

  /** Only the retry answered (the first connect was lost) or the first answered late, for a probe first sent at sentAt. */
  congestion(sentAt: number, now: number): void {
    if (sentAt <= this.cutAt) return; // sent before the last cut: the same congestion
    this.ssthresh = Math.max(this.start, this.cwnd / 2);
    this.cwnd = this.ssthresh;
    this.cutAt = now;
  }
}

/** Open files this process may hold (the soft RLIMIT_NOFILE, which Node.js raises to the hard one at start), or 1024 when unknown. */
export function fdLimit(): number {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return m[1] === 'unlimited' ? 1 << 20 : Number(m[1]);
  } catch {
    /* not Linux */
  }
  return 1024;
}

/**
 * The largest window for discovery: TIMING.growth × --concurrency, within the file descriptors left after the deep
 * probes (--concurrency of them, a few sockets each) and two sockets per probe in flight (a first connect and its
 * retry); never below --concurrency.
 */
export function maxWindow(concurrency: number, fds = fdLimit()): number {
  const room = Math.floor((fds - 4 * concurrency - 128) / 2);
  return Math.max(concurrency, Math.min(TIMING.growth * concurrency, room));
}
