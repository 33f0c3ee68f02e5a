/** @fileoverview `mqtt-audit report`: merge results, re-render, the same exit codes; --history; JUnit; the e-mail against a real SMTP server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { isOneLineError, runCliAsync, runCli, runMain } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';
import { resultErrors } from '../helpers/schemas.js';
import type { Result } from '../../src/model/types.js';

const R = (f: string) => join(FIXTURES, 'results', f);

test('report merges a scan and a lint into one valid result, with the exit code of the merged findings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-rep-'));
  const r = runCli(['report', R('scan-lab.json'), R('lint-example.json'), '--format', 'json', '-o', join(dir, 'm.md')]);
  assert.equal(r.code, 1, r.stderr);
  const m = JSON.parse(r.stdout) as Result;
  assert.deepEqual(resultErrors(m), []);
  const scan = JSON.parse(readFileSync(R('scan-lab.json'), 'utf8')) as Result;
  const lint = JSON.parse(readFileSync(R('lint-example.json'), 'utf8')) as Result;
  assert.equal(m.command, 'report');
  assert.equal(m.findings.length, scan.findings.length + lint.findings.length);
  assert.deepEqual(m.targets.length, scan.targets.length);
  assert.deepEqual(m.files, [...lint.files].sort((a, b) => (a.path < b.path ? -1 : 1)));
  assert.deepEqual(m.probes, scan.probes);
  assert.equal(m.startedAt, [scan.startedAt, lint.startedAt].sort()[0]);
  assert.deepEqual(m.summary.critical, scan.summary.critical + lint.summary.critical);
  assert.match(readFileSync(join(dir, 'm.md'), 'utf8'), /^# mqtt-audit report\n/);
  assert.equal((await runMain(['report', R('lint-hardened.json'), '--quiet'])).code, 0, 'nothing high: exit 0');
});

test('report of the same result twice finds each finding once (fingerprints), and --fail-on applies', async () => {
  const r = (await runMain(['report', R('lint-example.json'), R('lint-example.json'), '--format', 'json', '--fail-on', 'critical']));
  const lint = JSON.parse(readFileSync(R('lint-example.json'), 'utf8')) as Result;
  assert.equal((JSON.parse(r.stdout) as Result).findings.length, lint.findings.length);
  assert.equal(r.code, 0, 'the example has no critical finding');
});

test('report refuses what is not a result: one line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-rep-bad-'));
  writeFileSync(join(dir, 'x.json'), '{"tool":{"name":"mqtt-audit","version":"1.0.0"}}');
  for (const [args, msg] of [
    [['report', join(dir, 'x.json')], /x\.json: not an mqtt-audit JSON result: \/ must have required property 'command'/],
    [['report', join(dir, 'none.json')], /none\.json: no such file or directory$/],
    [['report'], /missing required argument 'results'/],
  ] as const) {
    const r = (await runMain([...args]));
    assert.equal(r.code, 2);
    assert.ok(isOneLineError(r.stderr), r.stderr);
    assert.match(r.stderr.trim(), msg);
  }
});

test('--history keeps each run dated and uses the latest of the same command as the baseline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-hist-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, 'listener 1883\nallow_anonymous true\n');
  const hist = join(dir, 'history');
  assert.equal((await runMain(['lint', conf, '--history', hist, '--quiet'])).code, 1);
  await new Promise((r) => setTimeout(r, 20));
  writeFileSync(conf, 'listener 1883\nallow_anonymous false\nuser root\n');
  const second = (await runMain(['lint', conf, '--history', hist, '--format', 'json']));
  assert.equal(second.code, 1, 'user root is new');
  const res = JSON.parse(second.stdout) as Result;
  assert.deepEqual(res.findings.filter((f) => f.baselineState !== 'unchanged').map((f) => `${f.ruleId} ${f.baselineState}`).sort(), ['conf.anonymous-network-listener absent', 'conf.run-as-root new']);
  const files = readdirSync(hist).sort();
  assert.equal(files.length, 2);
  assert.ok(files.every((f) => /^mqtt-audit-lint-\d{8}T\d{9}Z\.json$/.test(f)), files.join());
  const third = (await runMain(['lint', conf, '--history', hist, '--quiet']));
  assert.equal(third.code, 0, 'nothing new since the last run');
});

test('JUnit XML: failures at --fail-on, suppressed ones skipped, text escaped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-junit-'));
  writeFileSync(join(dir, 'mosquitto.conf'), 'listener 1883\n# mqtt-audit: ignore conf.anonymous-network-listener -- lab <b>&</b>\nallow_anonymous true\n');
  const r = (await runMain(['lint', '.', '-o', 'r.xml', '--quiet'], { cwd: dir }));
  assert.equal(r.code, 1);
  const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="mqtt-audit lint" tests="5" failures="1" errors="0" skipped="1"/);
  assert.match(xml, /<testcase classname="conf\.anonymous-network-listener" [^>]*><skipped message="suppressed: lab &lt;b&gt;&amp;&lt;\/b&gt;"\/><\/testcase>/);
  assert.match(xml, /<failure message="listener 1883 on all addresses speaks mqtt without TLS" type="high">/);
  assert.equal((xml.match(/<testcase /g) ?? []).length, 5);
  const clean = (await runMain(['report', R('lint-hardened.json'), '--format', 'junit']));
  assert.match(clean.stdout, /<testcase classname="conf\.client-cert-without-crl"/);
});

// --- e-mail against a real SMTP server on loopback ---
interface Mail { from: string; to: string[]; raw: string }
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let refusing: SMTPServer;
let refusingPort = 0;

function startSmtp(opts: ConstructorParameters<typeof SMTPServer>[0]): Promise<[SMTPServer, number]> {
  const server = new SMTPServer({ disabledCommands: ['STARTTLS'], authOptional: true, logger: false, ...opts });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res([server, (server.server.address() as AddressInfo).port])));
}

before(async () => {
  [smtp, smtpPort] = await startSmtp({
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d) => (raw += d));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? (session.envelope.mailFrom as { address: string }).address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  [refusing, refusingPort] = await startSmtp({ onRcptTo: (_a, _s, cb) => cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })) });
});
after(async () => {
  await new Promise((r) => smtp?.close(() => r(null)));
  await new Promise((r) => refusing?.close(() => r(null)));
});

test('e-mail: HTML body, text alternative, JSON and SARIF attached, subject with counts and what is new since the baseline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-mail-'));
  const r = await runCliAsync(['report', R('scan-lab.json'), '--baseline', R('lint-example.json'), '--email-to', 'oncall@example.test', '--email-to', 'sec@example.test', '--email-from', 'audit@example.test', '--smtp-url', `smtp://127.0.0.1:${smtpPort}`, '-o', join(dir, 'r.html'), '--quiet']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  const m = mails.at(-1)!;
  assert.deepEqual(m.to, ['oncall@example.test', 'sec@example.test']);
  assert.equal(m.from, 'audit@example.test');
  const scan = JSON.parse(readFileSync(R('scan-lab.json'), 'utf8')) as Result;
  const lint = JSON.parse(readFileSync(R('lint-example.json'), 'utf8')) as Result;
  const subject = /^Subject: (.*)$/m.exec(m.raw)![1];
  assert.equal(subject, `mqtt-audit report: ${scan.summary.critical} critical, ${scan.summary.high} high, ${scan.findings.length} new since ${lint.startedAt.slice(0, 10)}`);
  assert.match(m.raw, /Content-Type: text\/html/);
  assert.match(m.raw, /Content-Type: text\/plain/);
  assert.match(m.raw, /filename=mqtt-audit-report\.json/);
  assert.match(m.raw, /filename=mqtt-audit-report\.sarif/);
  assert.ok(existsSync(join(dir, 'r.html')));
});

test('e-mail through the environment variable, to a scan run', async () => {
  const before = mails.length;
  const r = await runCliAsync(['lint', join(FIXTURES, 'configs', 'dangerous'), '--email-to', 'oncall@example.test', '--quiet'], { env: { MQTT_AUDIT_SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(mails.length, before + 1);
  assert.match(mails.at(-1)!.raw, /^Subject: mqtt-audit lint: 1 critical, 1 high$/m);
});

test('e-mail to a server that refuses, or that is not there: exit 2, one line, the report files still written', async () => {
  const closed = await new Promise<number>((res) => {
    const s = createTcpServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => res(p));
    });
  });
  for (const [url, msg] of [
    [`smtp://127.0.0.1:${refusingPort}`, /e-mail not sent to oncall@example\.test via smtp:\/\/127\.0\.0\.1:\d+: the server answered 550 mailbox unavailable$/],
    [`smtp://user:s3cret@127.0.0.1:${closed}`, /e-mail not sent to oncall@example\.test via smtp:\/\/user:\*\*\*@127\.0\.0\.1:\d+: connect ECONNREFUSED 127\.0\.0\.1:\d+$/],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-mailfail-'));
    const r = await runCliAsync(['report', R('lint-example.json'), '--email-to', 'oncall@example.test', '--smtp-url', url, '-o', join(dir, 'r.json'), '--quiet']);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(isOneLineError(r.stderr), r.stderr);
    assert.match(r.stderr.trim(), msg);
    assert.doesNotMatch(r.stderr, /s3cret/);
    assert.ok(existsSync(join(dir, 'r.json')), 'the report file was written before the e-mail was tried');
  }
});

test('e-mail options are checked before any work: a bad address or a missing server is exit 2 at once', async () => {
  for (const [args, msg] of [
    [['--email-to', 'not-an-address', '--smtp-url', 'smtp://127.0.0.1:25'], /--email-to: "not-an-address" is not an e-mail address$/],
    [['--email-to', 'a@example.test'], /--email-to needs --smtp-url \(or MQTT_AUDIT_SMTP_URL\)/],
    [['--email-to', 'a@example.test', '--smtp-url', 'http://mail'], /--smtp-url: http:\/\/ is not smtp:\/\/ or smtps:\/\/$/],
    [['--email-from', 'a@example.test'], /--email-from needs --email-to$/],
  ] as const) {
    const r = (await runMain(['report', R('lint-example.json'), ...args], { env: { MQTT_AUDIT_SMTP_URL: undefined } }));
    assert.equal(r.code, 2, r.stderr);
    assert.ok(isOneLineError(r.stderr), r.stderr);
    assert.match(r.stderr.trim(), msg);
  }
});
