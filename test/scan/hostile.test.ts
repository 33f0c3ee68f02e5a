/** @fileoverview A hostile world: liars on 127.0.0.96/28 end in a right state within their timeouts, memory stays bounded, the rest is scanned. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { Server } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { listenOn } from '../helpers/brokers.js';
import { BIN } from '../helpers/paths.js';
import { HOSTILE_WIRE_TOPICS, startFake, startHugeCertBroker, startTlsStall } from '../helpers/fake-broker.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';
import type { Result } from '../../src/model/types.js';

const H = { reserved: '127.0.0.97', garbage: '127.0.0.98', huge: '127.0.0.99', flood: '127.0.0.100', topics: '127.0.0.101', trickle: '127.0.0.102', reset: '127.0.0.103', tlsStall: '127.0.0.104', bigCert: '127.0.0.105', normal: '127.0.0.106' };
const running: { close(cb?: () => void): unknown }[] = [];
let result: Result;
let run: { code: number | null; stdout: string; stderr: string; ms: number; maxRssMb: number };

function scan(args: string[]): Promise<typeof run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const p = spawn('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      const m = /MAXRSS (\d+)/.exec(stderr);
      resolve({ code, stdout, stderr: stderr.replace(/.*MAXRSS \d+\n?/s, (x) => x.replace(/MAXRSS \d+\n?/, '')), ms: Date.now() - started, maxRssMb: m ? Number(m[1]) / 1024 : NaN });
    });
  });
}

before(async () => {
  running.push(await startFake(H.reserved, 1883, 'reserved-connack'));
  running.push(await startFake(H.garbage, 1883, 'garbage'));
  running.push(await startFake(H.huge, 1883, 'huge-length'));
  running.push(await startFake(H.flood, 1883, 'flood'));
  running.push(await startFake(H.topics, 1883, 'hostile-topics'));
  running.push(await startFake(H.trickle, 1883, 'trickle'));
  running.push(await startFake(H.reset, 1883, 'reset-mid-packet'));
  running.push(await startTlsStall(H.tlsStall, 8883));
  running.push(await startHugeCertBroker(H.bigCert, 8883));
  const aedes = await Aedes.createBroker();
  running.push(await listenOn(H.normal, 1883, (s) => aedes.handle(s)), { close: (cb) => aedes.close(cb) });
  run = await scan(['scan', '127.0.0.96/28', '--timeout', '1500', '--listen', '1', '--format', 'json', '--fail-on', 'none']);
  result = JSON.parse(run.stdout) as Result;
});
after(async () => {
  for (const s of running) await new Promise((r) => s.close(() => r(null)));
});

const t = (host: string) => result.targets.find((x) => x.host === host)!;

test('every liar ends in a state, within its timeouts; the scan finishes and nothing is thrown', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr.trim(), '');
  assert.deepEqual(resultErrors(result), []);
  assert.deepEqual(
    result.targets.map((x) => `${x.host}:${x.port} ${x.state}`),
    [
      '127.0.0.97:1883 open', // it answers CONNACK, with a reserved code: a broker that refuses
      '127.0.0.98:1883 not-mqtt',
      '127.0.0.99:1883 not-mqtt',
      '127.0.0.100:1883 open',
      '127.0.0.101:1883 open',
      '127.0.0.102:1883 not-mqtt',
      '127.0.0.103:1883 not-mqtt',
      '127.0.0.104:8883 not-mqtt',
      '127.0.0.105:8883 open',
      '127.0.0.106:1883 open',
    ],
  );
  assert.ok(run.ms < 30000, `took ${run.ms} ms`);
});

test('a reserved CONNACK code is kept as a refusal, not taken for acceptance', () => {
  const m = t(H.reserved).mqtt as Record<string, any>;
  assert.equal(m.anonymous, false);
  assert.equal(m.connack.v311, 7);
  assert.equal(m.anonymousResult, 'refused with code 7');
});

test('garbage, a 256 MB length, a trickle and a reset mid-packet: not MQTT, with the reason', () => {
  assert.match(String(t(H.garbage).reason), /no MQTT answer/);
  assert.match(String(t(H.huge).reason), /no MQTT answer: no CONNACK within 1500 ms/);
  assert.match(String(t(H.trickle).reason), /no CONNACK within 1500 ms/);
  assert.match(String(t(H.reset).reason), /no MQTT answer/);
  assert.match(String(t(H.tlsStall).reason), /no TLS handshake within 1500 ms/);
});

test('a flood of 100,000 messages: listening stops at --max-messages, memory stays bounded', () => {
  const l = (t(H.flood).mqtt as Record<string, any>).listen;
  assert.equal(l.messages, 200);
  assert.equal(l.stoppedBy, 'max-messages');
  assert.ok(run.maxRssMb < 250, `peak ${run.maxRssMb} MB`);
});

test('hostile topic names stay data in JSON, valid SARIF and JUnit, and lose escapes and controls in text and Markdown', async () => {
  const topics = ((t(H.topics).mqtt as Record<string, any>).listen.topics as { topic: string }[]).map((x) => x.topic).sort();
  assert.deepEqual(topics, [...HOSTILE_WIRE_TOPICS].sort());
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-hostile-'));
  const file = join(dir, 'scan.json');
  writeFileSync(file, run.stdout);
  for (const format of ['text', 'markdown', 'sarif', 'junit', 'html']) {
    const r = await scan(['report', file, '--format', format, '--fail-on', 'none', '--no-color']);
    assert.equal(r.code, 0, r.stderr);
    if (format === 'text' || format === 'markdown') assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f\u202e]/, `${format} holds a control character`);
    if (format === 'sarif') assert.deepEqual(sarifErrors(JSON.parse(r.stdout)), []);
    if (format === 'junit') assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    if (format === 'html') assert.doesNotMatch(r.stdout, /<script>alert/);
  }
});

test('a certificate with 5,000 names and a subject that is not UTF-8: read, bounded, reported', () => {
  const tls = t(H.bigCert).tls as Record<string, any>;
  assert.equal(tls.protocol, 'TLSv1.3');
  assert.ok(tls.cert.subjectAltName.length < 1100, 'the 94,000-character SAN is cut');
  assert.match(tls.cert.subjectAltName, /… \(\d+ characters\)$/);
  assert.ok(result.findings.some((f) => f.target?.host === H.bigCert && f.ruleId === 'tls.hostname-mismatch'));
  assert.ok(result.findings.some((f) => f.target?.host === H.bigCert && f.ruleId === 'tls.cert-untrusted'));
});

test('the scan of the others goes on: the real broker among the liars is fully audited', () => {
  const ids = result.findings.filter((f) => f.target?.host === H.normal).map((f) => f.ruleId).sort();
  assert.ok(ids.includes('mqtt.anonymous-access') && ids.includes('mqtt.plaintext-listener'), ids.join());
});
