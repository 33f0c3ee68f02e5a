/** @fileoverview The scanner against real brokers on 127.0.0.64/28: every state, every finding, the hardened broker clean. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { MOSQUITTO } from '../helpers/brokers.js';
import { FIXTURES } from '../helpers/paths.js';
import { runCliAsync } from '../helpers/cli.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';
import type { Result } from '../../src/model/types.js';
import { HOSTILE_TOPICS, LAB, SENSITIVE, SENSITIVE_VALUES, startLab, type Lab } from './lab.js';

/**
 * Each step's timeout in the lab's scans: generous, because the tests scan the same brokers at once (and other test
 * files run beside them on a 2-core machine); a TLS handshake that waits for the CPU must not turn into not-mqtt.
 */
const TIMEOUT = '3000';

const skip = MOSQUITTO ? false : 'mosquitto is not installed (.ci/run installs it)';
let lab: Lab;
let result: Result;
let run: Awaited<ReturnType<typeof runCliAsync>>;
const seenOnAnonymous: string[] = [];
/** What the recording subscriber had seen when the main (non-intrusive) scan ended. */
let seenDuringMainScan: string[] = [];
let watcher: Awaited<ReturnType<typeof connectAsync>> | undefined;

before(async () => {
  if (skip) return;
  lab = await startLab();
  // A recording subscriber: proves the scan publishes nothing without --intrusive.
  watcher = await connectAsync(`mqtt://${LAB.anonymous}:1883`, { clientId: 'lab-recorder', reconnectPeriod: 0 });
  await watcher.subscribeAsync('#');
  watcher.on('message', (topic) => seenOnAnonymous.push(topic));
  run = await runCliAsync(['scan', LAB.range, '--listen', '1', '--timeout', TIMEOUT, '--cafile', lab.ca, '--credentials', lab.credentials, '--format', 'json']);
  result = JSON.parse(run.stdout) as Result;
  seenDuringMainScan = [...seenOnAnonymous];
});

after(async () => {
  await watcher?.endAsync();
  await lab?.stop();
});

const findingsOf = (host: string) => result.findings.filter((f) => f.target?.host === host).map((f) => f.ruleId).sort();
const target = (host: string) => result.targets.find((t) => t.host === host);

// The tests only read the main scan's result or run their own scans of the lab: they run at once, so the file
// takes as long as its slowest scan rather than the sum of them.
describe('the lab', { concurrency: true }, () => {
  test('scan of a /28: exit code 1, a valid result, and every target in its state', { skip }, () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(resultErrors(result), []);
    assert.deepEqual(
      result.targets.map((t) => `${t.host}:${t.port} ${t.transport} ${t.state}`),
      [
        '127.0.0.65:1883 tcp open',
        '127.0.0.66:1883 tcp open',
        '127.0.0.67:8883 tls open',
        '127.0.0.68:8883 tls open',
        '127.0.0.69:8883 tls open',
        '127.0.0.70:8883 tls open',
        '127.0.0.71:8883 tls open',
        '127.0.0.72:8883 tls open',
        '127.0.0.73:8883 tls open',
        '127.0.0.74:1883 tcp not-mqtt',
        '127.0.0.75:1883 tcp not-mqtt',
        '127.0.0.76:1883 tcp open',
        '127.0.0.77:8883 tls open',
      ],
      'closed ports of a range are counted, not listed',
    );
    // A service known by its first bytes is named in plain words, not with the MQTT parser's complaint.
    assert.equal(target(LAB.banner)!.reason, 'not MQTT: it answered with SSH ("SSH-2.0-OpenSSH_9.2p1 Debian-2")');
  });

  test('anonymous plaintext broker with a publisher: anonymous access, plaintext, # and $SYS readable, broker version', { skip }, () => {
    assert.deepEqual(findingsOf(LAB.anonymous), ['mqtt.anonymous-access', 'mqtt.plaintext-listener', 'mqtt.sensitive-data', 'mqtt.sys-exposed', 'mqtt.unbounded-packets', 'mqtt.vulnerable-version', 'mqtt.wildcard-subscribe']);
    const wild = result.findings.find((f) => f.ruleId === 'mqtt.wildcard-subscribe')!;
    assert.deepEqual((wild.evidence!.topics as string[]).sort(), [...HOSTILE_TOPICS, ...Object.keys(SENSITIVE), 'sensors/kitchen/humidity', 'sensors/kitchen/temperature'].sort());
    assert.equal(wild.severity, 'high');
    const m = target(LAB.anonymous)!.mqtt as unknown as Record<string, unknown>;
    assert.equal(m.anonymous, true);
    assert.equal(m.anonymousResult, 'accepted');
    assert.equal(m.protocolVersion, 5);
    assert.match(String(m.brokerVersion), /^mosquitto version 2\./);
    // $SYS names it, and its MQTT 5 CONNACK (mosquitto's default limits) agrees (docs/scan.md, "Who the broker is").
    const product = m.product as Record<string, any>;
    assert.deepEqual({ name: product.name, version: product.version, source: product.source, confidence: product.confidence }, { name: 'mosquitto', version: String(m.brokerVersion).split(' ')[2], source: 'sys', confidence: 'high' });
    assert.match(product.evidence.join('\n'), /^\$SYS\/broker\/version: mosquitto version 2\.[\s\S]*topic alias maximum 10 and receive maximum 20/);
    assert.deepEqual(m.limits, { session: 'anonymous', receiveMaximum: 20, topicAliasMaximum: 10 }, 'no maximum packet size: mqtt.unbounded-packets');
    assert.equal(m.qos2Granted, 2);
    const vuln = result.findings.find((f) => f.ruleId === 'mqtt.vulnerable-version' && f.target?.host === LAB.anonymous)!;
    assert.ok((vuln.evidence!.vulnerabilities as { id: string }[]).length >= 1);
    const listen = m.listen as { topics: { topic: string; sample?: string }[] };
    assert.ok(listen.topics.every((t) => t.sample === undefined), 'no payloads without --show-payloads');
  });

  test('password-protected broker with an ACL: anonymous refused (code 5), a weak password found, never printed', { skip }, () => {
    assert.deepEqual(findingsOf(LAB.password), ['mqtt.plaintext-listener', 'mqtt.weak-credentials']);
    const m = target(LAB.password)!.mqtt as Record<string, any>;
    assert.equal(m.anonymous, false);
    assert.equal(m.connack.v311, 5, 'mosquitto answers 5 (not authorised) to a CONNECT without credentials');
    assert.equal(m.connack.v5, 135);
    assert.equal(m.anonymousResult, 'not authorised');
    assert.equal(m.weakCredential, 'admin');
    assert.equal(m.credentialAttempts, 2);
    assert.doesNotMatch(run.stdout, /changeme|correct horse/);
    // The ACL gives admin nothing but admin/#: mosquitto grants the SUBACK, but nothing arrives (docs/scan.md, "Order of work" step 6).
    assert.deepEqual(m.listen.subackCodes, [0, 0]);
    assert.equal(m.listen.messages, 0);
    // Refused anonymous CONNECTs (5 and 135, no CONNACK properties) and a silent $SYS name no product.
    assert.equal(m.product, undefined);
  });

  test('$SYS hidden by the ACL: with --username the MQTT 5 CONNACK names mosquitto by its behaviour, and its limits are facts', { skip }, async () => {
    const r = await runCliAsync(['scan', LAB.password, '--ports', '1883', '--listen', '0.2', '--timeout', TIMEOUT, '--username', 'admin', '--format', 'json', '--fail-on', 'none'], { env: { MQTT_AUDIT_PASSWORD: 'changeme' } });
    const res = JSON.parse(r.stdout) as Result;
    assert.deepEqual(resultErrors(res), []);
    const m = res.targets[0].mqtt as Record<string, any>;
    assert.deepEqual(m.session, { identity: 'user', username: 'admin' });
    assert.equal(m.listen.sysMessages, 0);
    assert.deepEqual(m.limits, { session: 'user', receiveMaximum: 20, topicAliasMaximum: 10 });
    assert.deepEqual({ name: m.product.name, source: m.product.source, confidence: m.product.confidence, version: m.product.version }, { name: 'mosquitto', source: 'behaviour', confidence: 'medium', version: undefined });
    assert.ok(res.findings.some((f) => f.ruleId === 'mqtt.unbounded-packets'));
    assert.ok(!res.findings.some((f) => f.ruleId === 'mqtt.vulnerable-version'), 'behaviour tells no version');
  });

  test('hardened mutual-TLS broker: client certificate required, trusted, nothing above low', { skip }, () => {
    const t = target(LAB.mutualTls)!;
    const tls = t.tls as Record<string, any>;
    assert.equal(tls.clientCertRequired, true);
    assert.equal(tls.trusted, true);
    assert.equal(tls.hostnameOk, true);
    assert.deepEqual(tls.legacy, { TLSv1: false, 'TLSv1.1': false });
    assert.deepEqual(result.findings.filter((f) => f.target?.host === LAB.mutualTls && f.severity !== 'low' && f.severity !== 'info'), []);
  });

  test('TLS brokers: expired, legacy TLS 1.1, wrong host, self-signed, RSA-1024 and expiring certificates are each found', { skip }, () => {
    assert.deepEqual(findingsOf(LAB.expired), ['mqtt.anonymous-access', 'mqtt.sys-exposed', 'mqtt.unbounded-packets', 'mqtt.vulnerable-version', 'tls.cert-expired', 'tls.client-cert-not-required', 'tls.no-forward-secrecy', 'tls.profile-mismatch', 'tls.weak-cipher']);
    assert.deepEqual(findingsOf(LAB.wrongHost), ['mqtt.sys-exposed', 'mqtt.vulnerable-version', 'mqtt.weak-credentials', 'tls.client-cert-not-required', 'tls.hostname-mismatch', 'tls.no-forward-secrecy', 'tls.profile-mismatch', 'tls.weak-cipher']);
    assert.deepEqual(findingsOf(LAB.selfSigned), ['mqtt.sys-exposed', 'mqtt.vulnerable-version', 'mqtt.weak-credentials', 'tls.cert-untrusted', 'tls.client-cert-not-required', 'tls.no-forward-secrecy', 'tls.profile-mismatch', 'tls.weak-cipher']);
    assert.deepEqual(findingsOf(LAB.weakKey), ['mqtt.sys-exposed', 'mqtt.vulnerable-version', 'mqtt.weak-credentials', 'tls.client-cert-not-required', 'tls.no-forward-secrecy', 'tls.profile-mismatch', 'tls.weak-cipher', 'tls.weak-key']);
    assert.deepEqual(findingsOf(LAB.expiring), ['mqtt.sys-exposed', 'mqtt.vulnerable-version', 'mqtt.weak-credentials', 'tls.cert-expiring', 'tls.client-cert-not-required', 'tls.no-forward-secrecy', 'tls.profile-mismatch', 'tls.weak-cipher']);
    const expiring = result.findings.find((f) => f.ruleId === 'tls.cert-expiring')!;
    assert.equal(expiring.evidence!.daysLeft, 10);
    const legacy = (target(LAB.tls11)!.tls as Record<string, any>).legacy;
    if (legacy['TLSv1.1'] === null) {
      // This machine's OpenSSL cannot speak TLS 1.1 at all: the probe says so instead of guessing.
      assert.ok(!findingsOf(LAB.tls11).includes('tls.legacy-protocol'));
    } else {
      assert.equal(legacy['TLSv1.1'], true);
      assert.deepEqual(findingsOf(LAB.tls11), ['mqtt.anonymous-access', 'mqtt.sys-exposed', 'mqtt.unbounded-packets', 'mqtt.vulnerable-version', 'tls.client-cert-not-required', 'tls.legacy-protocol', 'tls.no-forward-secrecy', 'tls.profile-mismatch', 'tls.weak-cipher']);
    }
    assert.equal((target(LAB.expired)!.tls as Record<string, any>).cert.daysLeft < 0, true);
  });

  test('a non-MQTT service and a silent listener end as not-mqtt, within their timeouts', { skip }, () => {
    assert.match(String(target(LAB.banner)!.reason), /SSH-2\.0-OpenSSH/);
    assert.match(String(target(LAB.silent)!.reason), new RegExp(`no CONNACK within ${TIMEOUT} ms`));
    assert.deepEqual(findingsOf(LAB.banner), []);
    assert.deepEqual(findingsOf(LAB.silent), []);
    assert.ok(run.ms < 30000, `the whole scan took ${run.ms} ms`);
  });

  test('aedes, a second real broker: MQTT 3.1.1 only (it refuses MQTT 5 with code 1), anonymous accepted, known by its behaviour', { skip }, () => {
    const m = target(LAB.aedes)!.mqtt as Record<string, any>;
    assert.equal(m.protocolVersion, 4);
    assert.equal(m.connack.v311, 0);
    assert.equal(m.connack.v5, 1);
    // $SYS does not name aedes: its $SYS/<uuid>/ events and its MQTT 5 refusal do (docs/scan.md, "Who the broker is").
    assert.deepEqual({ ...m.product, evidence: m.product.evidence.length }, { name: 'aedes', source: 'behaviour', confidence: 'high', evidence: 2 });
    assert.equal(m.limits, undefined, 'no MQTT 5 CONNECT accepted: mqtt.unbounded-packets cannot judge');
    assert.ok(!findingsOf(LAB.aedes).includes('mqtt.unbounded-packets'));
    assert.match(run.stdout, /"name": "aedes"/);
    assert.ok(findingsOf(LAB.aedes).includes('mqtt.anonymous-access'));
    assert.ok(findingsOf(LAB.aedes).includes('mqtt.plaintext-listener'));
  });

  test('without --intrusive nothing is published: a recording subscriber saw only the lab publisher', { skip }, () => {
    assert.deepEqual(seenDuringMainScan.filter((t) => !t.startsWith('sensors/kitchen/') && !HOSTILE_TOPICS.includes(t) && !(t in SENSITIVE)), []);
  });

  test('with --cert/--key the scan goes on past the client-certificate check, as the certificate identity', { skip }, async () => {
    const r = await runCliAsync(['scan', `mqtts://${LAB.mutualTls}:8883`, '--listen', '0.5', '--timeout', TIMEOUT, '--cafile', lab.ca, '--cert', lab.clientCert, '--key', lab.clientKey, '--format', 'json']);
    const res = JSON.parse(r.stdout) as Result;
    const t = res.targets[0] as Record<string, any>;
    assert.equal(t.tls.clientCertRequired, true);
    assert.equal(t.tls.clientCertUsed, true);
    assert.equal(t.mqtt.anonymous, false, 'a certificate login is not anonymous');
    assert.deepEqual(t.mqtt.session, { identity: 'certificate' });
    assert.deepEqual(res.findings.filter((f) => f.severity !== 'low'), []);
    assert.equal(r.code, 0);
  });

  test('--intrusive: a publish to a unique test topic is read back (mqtt.publish-allowed)', { skip }, async () => {
    const r = await runCliAsync(['scan', LAB.anonymous, '--ports', '1883', '--listen', '0.2', '--timeout', TIMEOUT, '--intrusive', '--format', 'json']);
    const res = JSON.parse(r.stdout) as Result;
    const f = res.findings.find((x) => x.ruleId === 'mqtt.publish-allowed');
    assert.ok(f, r.stdout);
    assert.match(String(f!.evidence!.topic), /^mqtt-audit\/probe\/[0-9a-f]{16}$/);
    await new Promise((res) => setTimeout(res, 200));
    assert.ok(seenOnAnonymous.some((t) => t === f!.evidence!.topic), 'the recording subscriber saw the test publish');
  });

  test('SARIF for network findings: valid, anchored at the targets-file line that named the target, or at mqtt(s):// URIs', { skip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-tf-'));
    writeFileSync(join(dir, 'targets.txt'), `# lab brokers\n${LAB.anonymous}:1883\n\nmqtts://${LAB.expired}:8883 # expired one\n`);
    const r = await runCliAsync(['scan', '--targets-file', 'targets.txt', `mqtts://${LAB.selfSigned}:8883`, '--listen', '0.2', '--timeout', TIMEOUT, '-o', 'out.sarif', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const sarif = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'out.sarif'), 'utf8'));
    assert.deepEqual(sarifErrors(sarif), []);
    const where = new Set(sarif.runs[0].results.map((x: any) => `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region?.startLine ?? '-'} ${x.locations[0].logicalLocations?.[0]?.fullyQualifiedName ?? ''}`));
    assert.deepEqual([...where].sort(), [
      `mqtts://${LAB.selfSigned}:8883:- mqtts://${LAB.selfSigned}:8883`,
      `targets.txt:2 mqtt://${LAB.anonymous}:1883`,
      `targets.txt:4 mqtts://${LAB.expired}:8883`,
    ]);
  });

  test('discovery threads (the native scanner and Node\'s sockets) find exactly what the single-threaded scan finds', { skip }, async () => {
    // Discovery is what differs: plaintext port 1883 of the whole range (brokers, a banner, a silent port, closed
    // ports) is enough, and leaves out the TLS handshakes the other tests already pay for.
    const scan = (env: Record<string, string>) => runCliAsync(['scan', LAB.range, '--ports', '1883', '--listen', '0.5', '--timeout', TIMEOUT, '--credentials', lab.credentials, '--format', 'json', '--fail-on', 'none'], { env });
    const [single, native, js] = (await Promise.all([scan({ MQTT_AUDIT_THREADS: '0' }), scan({ MQTT_AUDIT_THREADS: '2', MQTT_AUDIT_NATIVE: '1' }), scan({ MQTT_AUDIT_THREADS: '2', MQTT_AUDIT_NATIVE: '0' })])).map((r) => JSON.parse(r.stdout) as Result);
    assert.deepEqual(single.targets.map((t) => `${t.host}:${t.port} ${t.state}`), result.targets.filter((t) => t.port === 1883).map((t) => `${t.host}:${t.port} ${t.state}`));
    for (const [name, threaded] of [['native scanner', native], ["Node's sockets", js]] as const) {
      assert.deepEqual(threaded.targets.map((t) => `${t.host}:${t.port} ${t.state}`), single.targets.map((t) => `${t.host}:${t.port} ${t.state}`), name);
      assert.deepEqual(threaded.findings.map((f) => f.fingerprint).sort(), single.findings.map((f) => f.fingerprint).sort(), name);
      assert.deepEqual(threaded.probes, single.probes, name);
    }
  });

  test('a progress bar on stderr when it is a terminal, none otherwise', { skip }, async () => {
    // script(1) gives the CLI a pseudo-terminal; --timeout keeps the range quick.
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/paths.js');
    const out = await new Promise<string>((resolve) => {
      const p = spawn('script', ['-qec', `${process.execPath} ${BIN} scan ${LAB.range} --listen 0 --timeout 1000 --ports 1883`, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' } });
      let s = '';
      p.stdout.on('data', (d) => (s += d));
      p.on('close', () => resolve(s));
    });
    assert.match(out, /scanning \[[^\]]*\] \d+\/16 probes \| \d+ brokers/);
    assert.doesNotMatch(run.stderr, /scanning/);
  });

  test('shards: four shard processes merged with mqtt-audit report find exactly what the whole scan finds', { skip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-shards-'));
    const common = ['scan', LAB.range, '--listen', '1', '--timeout', TIMEOUT, '--cafile', lab.ca, '--credentials', lab.credentials, '--quiet', '--fail-on', 'none'];
    const runs = await Promise.all([1, 2, 3, 4].map((i) => runCliAsync([...common, '--shard', `${i}/4`, '-o', join(dir, `shard-${i}.json`)])));
    assert.deepEqual(runs.map((r) => r.code), [0, 0, 0, 0], runs.map((r) => r.stderr).join());
    const shardProbes = [1, 2, 3, 4].map((i) => (JSON.parse(readFileSync(join(dir, `shard-${i}.json`), 'utf8')) as Result).probes!.total);
    assert.ok(Math.max(...shardProbes) - Math.min(...shardProbes) <= 1, `even shards: ${shardProbes}`);
    const merged = await runCliAsync(['report', ...[1, 2, 3, 4].map((i) => join(dir, `shard-${i}.json`)), '--format', 'json']);
    const m = JSON.parse(merged.stdout) as Result;
    assert.deepEqual(m.findings.map((f) => f.fingerprint).sort(), result.findings.map((f) => f.fingerprint).sort());
    assert.deepEqual(m.targets.map((t) => `${t.host}:${t.port} ${t.state}`), result.targets.map((t) => `${t.host}:${t.port} ${t.state}`));
    assert.equal(m.probes!.total, result.probes!.total);
  });

  test('--trace: every MQTT packet as NDJSON; a default scan\'s trace shows no PUBLISH sent and no credential, --intrusive shows exactly one', { skip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-trace-'));
    const read = (f: string) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const r = await runCliAsync(['scan', LAB.anonymous, LAB.password, '--ports', '1883', '--listen', '0.5', '--timeout', TIMEOUT, '--credentials', lab.credentials, '--trace', join(dir, 'default.ndjson'), '--quiet', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const lines = read('default.ndjson');
    const types = new Set(lines.map((l) => `${l.dir} ${l.type}`));
    for (const t of ['sent connect', 'received connack', 'sent subscribe', 'received suback', 'received publish', 'sent disconnect']) assert.ok(types.has(t), `${t} in ${[...types]}`);
    assert.deepEqual(lines.filter((l) => l.dir === 'sent' && l.type === 'publish'), [], 'nothing was published');
    assert.ok(lines.every((l) => typeof l.size === 'number' && l.size >= 2 && /^127\.0\.0\.6[56]:1883$/.test(l.target)));
    // Credentials were tried on the password broker only (anonymous is refused there): the trace says so, without values.
    const withUser = lines.filter((l) => l.type === 'connect' && l.username);
    assert.ok(withUser.length >= 1 && withUser.every((l) => l.target === `${LAB.password}:1883` && l.password === true));
    assert.doesNotMatch(readFileSync(join(dir, 'default.ndjson'), 'utf8'), /changeme|root:root|payload/);
    assert.ok(lines.filter((l) => l.dir === 'received' && l.type === 'publish').every((l) => l.payload === undefined), 'no payload without --show-payloads');

    const i = await runCliAsync(['scan', LAB.anonymous, '--ports', '1883', '--listen', '0.2', '--timeout', TIMEOUT, '--intrusive', '--trace', join(dir, 'intrusive.ndjson'), '--quiet', '--fail-on', 'none']);
    assert.equal(i.code, 0, i.stderr);
    const sent = read('intrusive.ndjson').filter((l) => l.dir === 'sent' && l.type === 'publish');
    assert.equal(sent.length, 1);
    assert.match(sent[0].topic, /^mqtt-audit\/probe\/[0-9a-f]{16}$/);
  });

  test('sensitive data on readable topics: the kinds per topic, never a value, even with --show-payloads', { skip }, async () => {
    const f = result.findings.find((x) => x.ruleId === 'mqtt.sensitive-data' && x.target?.host === LAB.anonymous)!;
    assert.equal(f.severity, 'high');
    assert.deepEqual(f.evidence!.kinds, ['credentials', 'email', 'gps-position', 'private-key', 'wifi-password']);
    const perTopic = Object.fromEntries((f.evidence!.topics as { topic: string; kinds: string[] }[]).map((x) => [x.topic, x.kinds]));
    assert.deepEqual(perTopic, { 'owntracks/alice/phone': ['gps-position'], 'devices/gw-7/config': ['credentials'], 'backup/keys': ['private-key'], 'crm/contact': ['email'], 'hotel/room-12/wifi': ['wifi-password'] });
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-sensitive-'));
    const outs = ['r.json', 'r.html', 'r.sarif', 'r.md', 'r.txt', 'r.xml'];
    const r = await runCliAsync(['scan', LAB.anonymous, '--ports', '1883', '--listen', '0.5', '--timeout', TIMEOUT, '--show-payloads', '--trace', join(dir, 't.ndjson'), ...outs.flatMap((o) => ['-o', join(dir, o)])]);
    assert.equal(r.code, 1, r.stderr);
    const samples = ((JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Result).targets[0].mqtt as Record<string, any>).listen.topics as { topic: string; sample?: string }[];
    assert.equal(samples.find((x) => x.topic === 'sensors/kitchen/temperature')!.sample, '21.5', '--show-payloads shows ordinary payloads');
    for (const text of [r.stdout, ...[...outs, 't.ndjson'].map((o) => readFileSync(join(dir, o), 'utf8'))]) for (const v of SENSITIVE_VALUES) assert.ok(!text.includes(v), `${v} leaked`);
    assert.match(readFileSync(join(dir, 't.ndjson'), 'utf8'), /"topic":"backup\/keys".*"sensitive":\["private-key"\]/);
  });

  test('scan findings come sorted: severity, then rule, then target', { skip }, () => {
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    const keys = result.findings.map((f) => `${rank.indexOf(f.severity)} ${f.ruleId} ${f.target?.host.split('.').map((x) => x.padStart(3, '0')).join('.')}:${f.target?.port}`);
    assert.deepEqual(keys, [...keys].sort());
  });

  test('a TLS listener on a port not in --tls-ports is found to speak TLS and probed as such', { skip }, async () => {
    const r = await runCliAsync(['scan', LAB.expired, '--ports', '8883', '--tls-ports', '1', '--listen', '0.2', '--timeout', TIMEOUT, '--format', 'json', '--fail-on', 'none']);
    const t = (JSON.parse(r.stdout) as Result).targets[0] as Record<string, any>;
    assert.equal(t.transport, 'tls');
    assert.equal(t.state, 'open');
    assert.match(t.reason, /speaks TLS, although it is not in --tls-ports/);
    assert.equal(t.mqtt.anonymous, true);
    // Without --cafile the lab CA is unknown: the expired certificate is untrusted too, not only expired.
    const ids = (JSON.parse(r.stdout) as Result).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('tls.cert-expired') && ids.includes('tls.cert-untrusted'), ids.join(' '));
    assert.equal(t.tls.trustError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  test('TLS profiles: suites found by elimination; the TLS-1.3-only broker is compliant, the defaults are not', { skip }, async () => {
    const modern = target(LAB.modern)!.tls as Record<string, any>;
    assert.deepEqual(modern.ciphers['TLSv1.2'], []);
    assert.deepEqual(modern.ciphers['TLSv1.3'], ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);
    // The probe reports what it saw; the verdict against a profile is the rule's (tls.profile-mismatch).
    assert.equal(modern.profile, undefined);
    assert.deepEqual(findingsOf(LAB.modern).filter((id) => id.startsWith('tls.')), ['tls.client-cert-not-required']);
    const dflt = target(LAB.expired)!.tls as Record<string, any>;
    assert.ok(dflt.ciphers['TLSv1.2'].includes('AES256-GCM-SHA384'), 'mosquitto\'s default list has static-RSA suites');
    const nofs = result.findings.find((f) => f.ruleId === 'tls.no-forward-secrecy' && f.target?.host === LAB.expired)!;
    assert.ok((nofs.evidence!.suites as string[]).every((x) => !/^(ECDHE|DHE)-/.test(x)));
    const r = await runCliAsync(['scan', `mqtts://${LAB.modern}:8883`, `mqtts://${LAB.expired}:8883`, '--tls-profile', 'modern', '--listen', '0', '--timeout', TIMEOUT, '--cafile', lab.ca, '--format', 'json', '--fail-on', 'none']);
    const res = JSON.parse(r.stdout) as Result;
    const verdicts = Object.fromEntries(res.findings.filter((f) => f.ruleId === 'tls.profile-mismatch').map((f) => [f.target!.host, f.evidence as Record<string, any>]));
    assert.equal(verdicts[LAB.modern], undefined, 'the TLS-1.3-only broker meets the modern profile');
    assert.equal(verdicts[LAB.expired].compliant, false);
    assert.equal(verdicts[LAB.expired].profile, 'modern');
    assert.deepEqual(verdicts[LAB.expired].protocolsOutside, ['TLSv1.2']);
  });

  test('a rule pack judges live brokers: the command docs/rule-packs.md shows, with the example target pack', { skip }, async () => {
    const r = await runCliAsync(['scan', LAB.anonymous, LAB.password, `mqtts://${LAB.mutualTls}:8883`, `mqtts://${LAB.modern}:8883`, '--rules', join(FIXTURES, 'rule-packs', 'wire-policy'), '--enable', 'org.', '--listen', '0', '--timeout', TIMEOUT, '--cafile', lab.ca, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const res = JSON.parse(r.stdout) as Result;
    // Only the anonymous plaintext broker breaks the pack's policy; the password broker refuses anonymous clients, and
    // both TLS brokers negotiate TLS 1.3 (mosquitto's tls_version is a minimum: the mutual-TLS broker says tlsv1.2).
    assert.deepEqual(res.findings.map((f) => `${f.ruleId} ${f.target?.host}:${f.target?.port} ${f.message}`), [`org.anonymous-plaintext ${LAB.anonymous}:1883 ${LAB.anonymous}:1883 accepts anonymous clients without TLS`]);
    assert.deepEqual(res.targets.filter((t) => t.transport === 'tls' && t.state === 'open').map((t) => `${t.host} ${t.tls?.protocol}`), [`${LAB.mutualTls} TLSv1.3`, `${LAB.modern} TLSv1.3`]);
  });
});

test('scan --config: the broker\'s own configuration beside the wire, and each finding once (the expiring certificate at its certfile line)', { skip }, async () => {
  const r = await runCliAsync(['scan', `mqtts://${LAB.expiring}:8883`, '--config', join(lab.dir, 'expiring.conf'), '--listen', '0', '--timeout', TIMEOUT, '--cafile', lab.ca, '--format', 'json', '--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as Result;
  const expiring = res.findings.filter((f) => f.ruleId === 'tls.cert-expiring');
  assert.equal(expiring.length, 1, JSON.stringify(expiring));
  assert.equal(expiring[0].location?.line, 3, 'the certfile line of the configuration');
  const keys = res.findings.map((f) => `${f.ruleId} ${f.message}`);
  assert.deepEqual(keys, [...new Set(keys)], 'no finding twice');
  assert.deepEqual(res.findings.filter((f) => f.ruleId.startsWith('drift.')), [], 'the configuration is what the broker runs');
});
