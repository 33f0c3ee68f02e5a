/** @fileoverview Politeness: a pacer for new connections a second (--rate) and a cap of connections per host (--per-host). */

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
