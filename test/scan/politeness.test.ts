/** @fileoverview Politeness: --rate paces new connections, --per-host caps connections to one address, the order is random. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:net';
import { HostLimiter, Pacer } from '../../src/probe/pace.js';
import { listenOn } from '../helpers/brokers.js';
import { runCliAsync } from '../helpers/cli.js';

test('Pacer spaces reservations 1/rate apart; rate 0 never waits', () => {
  const p = new Pacer(100);
  const waits = [p.reserve(), p.reserve(), p.reserve()];
  assert.ok(waits[0] < 1);
  assert.ok(waits[1] > 8 && waits[1] <= 10.5, String(waits[1]));
  assert.ok(waits[2] > 18 && waits[2] <= 20.5, String(waits[2]));
  const free = new Pacer(0);
  assert.deepEqual([free.reserve(), free.reserve()], [0, 0]);
});

test('HostLimiter: at most cap holders per host, the next waiter gets the place, other hosts are not held up', async () => {
  const h = new HostLimiter(2);
  const a1 = await h.acquire('a');
  const a2 = await h.acquire('a');
  let third = false;
  const p3 = h.acquire('a').then((r) => {
    third = true;
    return r;
  });
  const b1 = await h.acquire('b');
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false, 'the third holder of a waits');
  a1();
  const a3 = await p3;
  assert.equal(third, true);
  a1(); // releasing twice gives nothing back twice
  let fourth = false;
  void h.acquire('a').then(() => (fourth = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(fourth, false);
  a2();
  await new Promise((r) => setImmediate(r));
  assert.equal(fourth, true);
  a3();
  b1();
});

for (const threads of ['0', '2']) {
  test(`--rate paces new connections (${threads === '0' ? 'JavaScript discovery' : 'discovery threads'})`, async () => {
    const r = await runCliAsync(['scan', '127.0.9.0/26', '--ports', '1883', '--rate', '100', '--listen', '0', '--fail-on', 'none', '--quiet'], { env: { MQTT_AUDIT_THREADS: threads } });
    assert.equal(r.code, 0, r.stderr);
    // 64 connections at 100 a second cannot take less than 0.63 s.
    assert.ok(r.ms >= 600, `took ${r.ms} ms`);
  });
}

test('--per-host caps the connections to one address at once (the server counts them)', async () => {
  const ports = [41801, 41802, 41803, 41804, 41805, 41806];
  let open = 0;
  let max = 0;
  const servers: Server[] = [];
  for (const p of ports) {
    servers.push(
      await listenOn('127.0.0.91', p, (s) => {
        open++;
        max = Math.max(max, open);
        s.resume(); // read, so that the client's FIN is seen
        s.on('close', () => open--);
      }),
    );
  }
  try {
    const scan = (perHost: string) => runCliAsync(['scan', '127.0.0.91', '--ports', ports.join(','), '--per-host', perHost, '--timeout', '300', '--listen', '0', '--fail-on', 'none', '--quiet']);
    const r = await scan('2');
    assert.equal(r.code, 0, r.stderr);
    // NOTE: the server learns of a close a moment after the client closed; a probe that moves on to its next
    // connection can so be counted twice for that moment: one above the cap is that lag, not the scanner.
    assert.ok(max >= 1 && max <= 3, `at most 2 at once (+1 for the close lag), saw ${max}`);
    max = 0;
    await scan('6');
    assert.ok(max >= 5, `without the cap the six probes overlap (saw ${max})`);
  } finally {
    for (const s of servers) await new Promise((r) => s.close(() => r(null)));
  }
});
