/** @fileoverview Adaptive timing of discovery in memory (docs/scan.md, "Timing on silent networks"): round trips → timeouts, the retry, the window; the native model agrees with pace.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterSilence, maxWindow, netKey, sharedEstimate, Timing, TIMING, Window } from '../../src/probe/pace.js';
import { loadNative, nativeConfig, type ThreadTiming } from '../../src/probe/discovery-worker.js';

const NET = '10.0.1';

test('netKey: the /24 of an IPv4 address, the /64 of an IPv6 one', () => {
  assert.equal(netKey('10.0.1.77'), '10.0.1');
  assert.equal(netKey('10.0.1.200'), netKey('10.0.1.3'));
  assert.notEqual(netKey('10.0.2.1'), netKey('10.0.1.1'));
  assert.equal(netKey('2001:db8:0:1::5'), netKey('2001:db8:0:1:ffff::1'));
  assert.notEqual(netKey('2001:db8:0:2::5'), netKey('2001:db8:0:1::5'));
});

test('before anything is measured: a first look of 500 ms, never above --timeout', () => {
  const t = new Timing(3000);
  assert.equal(t.timeoutAtStart(NET), TIMING.firstLookMs);
  assert.equal(t.explored, false);
  assert.equal(t.timeout(NET), TIMING.initialMs);
  assert.equal(t.globalTimeout(), TIMING.initialMs);
  assert.equal(new Timing(300).timeoutAtStart(NET), 300);
  assert.equal(new Timing(300).timeout(NET), 300);
});

test('RFC 6298: the first sample gives srtt = R, rttvar = R/2, a timeout of 3R; later samples smooth it', () => {
  const t = new Timing(3000);
  t.sample(NET, 200);
  assert.equal(t.timeout(NET), 600); // 200 + 4·100
  t.sample(NET, 200);
  // rttvar = 3/4·100 + 1/4·0 = 75, srtt = 200: 500
  assert.equal(t.timeout(NET), 500);
  t.sample(NET, 400);
  // rttvar = 3/4·75 + 1/4·200 = 106.25, srtt = 7/8·200 + 1/8·400 = 225: 650
  assert.equal(t.timeout(NET), 650);
});

test('the timeout stays between the floor (100 ms) and --timeout', () => {
  const fast = new Timing(3000);
  for (let i = 0; i < 20; i++) fast.sample(NET, 0.05); // loopback
  assert.equal(fast.timeout(NET), TIMING.floorMs);
  const slow = new Timing(3000);
  slow.sample(NET, 2500);
  assert.equal(slow.timeout(NET), 3000);
  // --timeout below the floor wins.
  const tight = new Timing(50);
  tight.sample(NET, 0.05);
  assert.equal(tight.timeout(NET), 50);
});

test('per network, with a global estimate for networks that have not answered; the first probes into those explore', () => {
  const t = new Timing(3000);
  t.sample('10.0.1', 2); // a near network
  t.sample('10.0.1', 2);
  assert.equal(t.timeout('10.0.1'), TIMING.floorMs);
  assert.equal(t.measured('10.0.9'), false);
  // A network that has answered nothing: its first TIMING.explore probes get the initial timeout …
  for (let i = 0; i < TIMING.explore; i++) {
    assert.equal(t.timeoutAtStart('10.0.9'), TIMING.initialMs);
    assert.equal(t.explored, true);
  }
  // … then the global estimate (here: the near network's).
  assert.equal(t.timeoutAtStart('10.0.9'), TIMING.floorMs);
  assert.equal(t.explored, false);
  // Its own samples then count, not the global ones.
  t.sample('10.0.9', 300);
  assert.equal(t.timeout('10.0.9'), 900);
  assert.equal(t.timeoutAtStart('10.0.9'), 900);
  assert.equal(t.timeout('10.0.1'), TIMING.floorMs);
});

test('threads share the global estimate; a timeout that fell by more than a quarter bumps the generation', () => {
  const shared = sharedEstimate();
  const a = new Timing(3000, shared);
  const b = new Timing(3000, shared);
  const g0 = b.generation;
  a.sample('10.0.1', 1);
  assert.equal(b.globalTimeout(), TIMING.floorMs, 'b sees what a measured');
  assert.equal(b.timeoutAtStart('10.0.7'), TIMING.initialMs, 'a network b has not seen answer still explores');
  assert.ok(b.refresh(), 'b notices that the global timeout fell from 1 s to 100 ms');
  assert.equal(b.generation, g0 + 1);
  assert.equal(b.refresh(), false, 'only once');
  const g1 = a.generation;
  a.sample('10.0.1', 1);
  assert.equal(a.generation, g1, 'a small change is no fall');
});

test('the retry: a silent first connect is retried once, put aside while nothing is measured, then filtered', () => {
  assert.equal(afterSilence(false, 2, true, false), 'retry');
  assert.equal(afterSilence(false, 2, false, false), 'aside');
  assert.equal(afterSilence(false, 2, false, true), 'retry', 'no room to put it aside, or nothing new left');
  assert.equal(afterSilence(true, 2, true, false), 'filtered');
  assert.equal(afterSilence(true, 2, false, false), 'filtered');
  assert.equal(afterSilence(false, 1, true, false), 'filtered', 'MQTT_AUDIT_TIMING=fixed: one connect');
  assert.equal(TIMING.attempts, 2);
});

test('the window grows by one per answer in time while in use and the thread waits, never above its cap', () => {
  const w = new Window(4, 10);
  assert.equal(w.size, 4);
  w.answered(4, 0.1);
  assert.equal(w.size, 5);
  w.answered(1, 0.1);
  assert.equal(w.size, 5, 'not in use (limited by --rate, --per-host or the targets): no growth');
  w.answered(5, 0.9);
  assert.equal(w.size, 5, 'the thread is busy (loopback): no growth');
  for (let i = 0; i < 20; i++) w.answered(w.size, 0);
  assert.equal(w.size, 10, 'the cap');
});

test('the window halves on a loss or a late answer, once per flight, never below the start; then grows slowly', () => {
  const w = new Window(4, 100);
  for (let i = 0; i < 28; i++) w.answered(w.size, 0);
  assert.equal(w.size, 32);
  w.congestion(10, 20);
  assert.equal(w.size, 16);
  w.congestion(15, 21);
  assert.equal(w.size, 16, 'sent before the cut: the same congestion');
  w.congestion(25, 30);
  assert.equal(w.size, 8);
  w.congestion(35, 40);
  w.congestion(45, 50);
  assert.equal(w.size, 4, 'never below --concurrency');
  // After a congestion, 1/window per answer: about one per window of answers.
  for (let i = 0; i < 4; i++) w.answered(w.size, 0);
  assert.equal(w.size, 4);
  w.answered(w.size, 0);
  assert.equal(w.size, 5);
});

test('maxWindow: 8 × --concurrency within the file descriptors, never below --concurrency', () => {
  assert.equal(maxWindow(256, 1 << 20), 2048);
  assert.equal(maxWindow(256, 20000), 2048);
  assert.equal(maxWindow(256, 1024), 256);
  assert.equal(maxWindow(100, 2000), Math.floor((2000 - 400 - 128) / 2));
});

const native = loadNative();
test('the native scanner (native/fastscan.c) times like pace.ts: one event sequence, the same answers', { skip: native ? false : 'the native scanner is not built (npm run build:native)' }, () => {
  const timing: ThreadTiming = { timeoutMs: 3000, start: 8, cap: 40, initialMs: TIMING.initialMs, floorMs: TIMING.floorMs, firstLookMs: TIMING.firstLookMs, attempts: TIMING.attempts, explore: TIMING.explore, shared: sharedEstimate() };
  // A pseudo-random sequence: samples into a few /24s (near, far, lossy), starts, answers, congestion.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const events: number[] = [];
  for (let i = 0; i < 600; i++) {
    const kind = Math.floor(rnd() * 8);
    const net = Math.floor(rnd() * 5);
    const rtt = [0.05, 3, 40, 250, 900][net] * (0.5 + rnd());
    events.push(kind, kind === 3 ? Math.floor(rnd() * 60) : kind === 4 ? i - Math.floor(rnd() * 30) : net, kind === 0 ? rtt : kind === 3 ? rnd() : i, 0);
  }
  const got = native!.model(nativeConfig(timing, 0, 0), Float64Array.from(events));
  const t = new Timing(timing.timeoutMs, sharedEstimate(), timing);
  const w = new Window(timing.start, timing.cap);
  const want: number[] = [];
  for (let i = 0; i < events.length; i += 4) {
    const [kind, a, b] = events.slice(i, i + 3);
    const net = String(a);
    switch (kind) {
      case 0:
        t.sample(net, b);
        want.push(t.timeout(net), t.generation);
        break;
      case 1:
        want.push(t.timeoutAtStart(net), t.explored ? 1 : 0);
        break;
      case 2:
        want.push(t.timeout(net), 0);
        break;
      case 3:
        w.answered(a, b);
        want.push(w.size, (w as unknown as { cwnd: number }).cwnd);
        break;
      case 4:
        w.congestion(a, b);
        want.push(w.size, (w as unknown as { cwnd: number }).cwnd);
        break;
      case 5:
        want.push(t.globalTimeout(), 0);
        break;
      case 6:
        want.push(t.refresh() ? 1 : 0, t.generation);
        break;
      default:
        want.push(t.measured(net) ? 1 : 0, 0);
    }
  }
  assert.deepEqual(Array.from(got), want);
});
