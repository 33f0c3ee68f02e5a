/** @fileoverview `mqtt-audit lint` end to end: the dangerous default, a hardened repo, every output format, the CI gate. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, runMain } from '../helpers/cli.js';
import { BIN, FIXTURES } from '../helpers/paths.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';
import { stageRepo } from '../helpers/staging.js';
import type { Result } from '../../src/model/types.js';

const DANGEROUS = join(FIXTURES, 'configs', 'dangerous');

test('the dangerous default (listener 1883 + allow_anonymous true, no ACL) yields the expected set and exit code 1', () => {
  const r = runCli(['lint', DANGEROUS, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const res = JSON.parse(r.stdout) as Result;
  assert.deepEqual(resultErrors(res), []);
  assert.deepEqual(
    res.findings.map((f) => `${f.severity} ${f.ruleId} ${f.location?.line}`),
    [
      'critical conf.anonymous-network-listener 3',
      'high conf.plaintext-network-listener 2',
      'low conf.max-connections-unlimited 2',
      'low conf.max-packet-size-unset 2',
      'low conf.persistence-disabled 2',
    ],
  );
  assert.deepEqual(res.summary, { critical: 1, high: 1, medium: 0, low: 3, info: 0 });
  assert.equal(res.files.length, 1);
  assert.match(res.files[0].path, /fixtures\/configs\/dangerous\/mosquitto\.conf$/);
});

test('a hardened configuration (TLS-only, client certificates, ACL, hashed passwords, limits) yields nothing high or critical and exits 0', async () => {
  const repo = stageRepo(join(FIXTURES, 'configs', 'hardened'), { passwd: 0o600, acl: 0o640, 'certs/server.key': 0o600 });
  const r = (await runMain(['lint', '.', '--root', '.', '--format', 'json', '--file-modes', 'check'], { cwd: repo }));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const res = JSON.parse(r.stdout) as Result;
  assert.deepEqual(res.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.ruleId), []);
  assert.deepEqual(res.files.map((f) => `${f.kind} ${f.path}`).sort(), [
    'acl acl', 'cert certs/ca.crt', 'cert certs/server.crt', 'key certs/server.key', 'mosquitto.conf conf.d/devices.conf', 'mosquitto.conf conf.d/people.conf', 'mosquitto.conf mosquitto.conf', 'passwd passwd',
  ]);
  // The same repo, with a world-readable password file as a careless deploy leaves it, fails the gate.
  const loose = stageRepo(join(FIXTURES, 'configs', 'hardened'), { passwd: 0o644 });
  const r2 = (await runMain(['lint', '.', '--root', '.', '--format', 'json', '--file-modes', 'check'], { cwd: loose }));
  assert.equal(r2.code, 1);
  assert.ok((JSON.parse(r2.stdout) as Result).findings.some((f) => f.ruleId === 'passwd.file-permissions' && f.location?.path === 'mosquitto.conf' && f.location.line === 19));
});

test('every output format: JSON validates, SARIF validates against the official schema and is code-scanning ready, text, Markdown, HTML', async () => {
  const out = mkdtempSync(join(tmpdir(), 'mqtt-audit-out-'));
  const files = ['r.json', 'r.sarif', 'r.md', 'r.html', 'r.txt'].map((f) => join(out, f));
  const r = (await runMain(['lint', join(FIXTURES, 'example-repo'), '--root', join(FIXTURES, 'example-repo'), ...files.flatMap((f) => ['-o', f])], { cwd: out }));
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(readFileSync(files[0], 'utf8')) as Result;
  assert.deepEqual(resultErrors(json), []);
  assert.ok(json.findings.length >= 10);

  const sarif = JSON.parse(readFileSync(files[1], 'utf8'));
  assert.deepEqual(sarifErrors(sarif), []);
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'mqtt-audit');
  assert.equal(run.results.length, json.findings.length);
  for (const res of run.results) {
    const rule = run.tool.driver.rules[res.ruleIndex];
    assert.equal(rule.id, res.ruleId);
    assert.ok(res.locations[0].physicalLocation.artifactLocation.uri, 'every result has a physical location');
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
    assert.match(res.partialFingerprints['mqttAudit/v1'], /^[0-9a-f]{32}/);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
  }
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.helpUri);
    if (rule.properties['security-severity'] !== undefined) assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    assert.ok(rule.properties.tags.includes('security'));
  }
  const anon = run.results.find((x: { ruleId: string }) => x.ruleId === 'conf.anonymous-network-listener');
  assert.equal(anon.locations[0].physicalLocation.artifactLocation.uri, `${FIXTURES.replace(/\/$/, '')}/example-repo/conf.d/listeners.conf`.replace(/^\//, 'file:///'));

  const md = readFileSync(files[2], 'utf8');
  assert.match(md, /^# mqtt-audit lint report/);
  assert.match(md, /\| high \| \[acl\.anonymous-wide-access\]/);
  const html = readFileSync(files[3], 'utf8');
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /conf\.anonymous-network-listener/);
  const txt = readFileSync(files[4], 'utf8');
  assert.equal(txt, r.stdout, 'the .txt file holds what stdout shows');
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
  assert.match(r.stdout, /listeners\.conf\n\s+2:1 {2}high {6}max_connections at the top of an included file/);
});

test('relative paths in SARIF for files under the working directory, as GitHub code scanning needs', async () => {
  const repo = stageRepo(join(FIXTURES, 'configs', 'dangerous'));
  const r = (await runMain(['lint', '.', '--format', 'sarif'], { cwd: repo }));
  const sarif = JSON.parse(r.stdout);
  assert.deepEqual(sarif.runs[0].results.map((x: any) => `${x.ruleId} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`).sort(), [
    'conf.anonymous-network-listener mosquitto.conf:3',
    'conf.max-connections-unlimited mosquitto.conf:2',
    'conf.max-packet-size-unset mosquitto.conf:2',
    'conf.persistence-disabled mosquitto.conf:2',
    'conf.plaintext-network-listener mosquitto.conf:2',
  ]);
});

test('--fail-on, --enable and --disable choose what fails and what runs', async () => {
  assert.equal((await runMain(['lint', DANGEROUS, '--fail-on', 'critical', '--quiet'])).code, 1);
  assert.equal((await runMain(['lint', DANGEROUS, '--fail-on', 'none', '--quiet'])).code, 0);
  assert.equal((await runMain(['lint', DANGEROUS, '--disable', 'conf.anonymous-network-listener,conf.plaintext-network-listener', '--quiet'])).code, 0);
  const only = JSON.parse((await runMain(['lint', DANGEROUS, '--enable', 'conf.max-', '--format', 'json'])).stdout) as Result;
  assert.deepEqual(only.findings.map((f) => f.ruleId), ['conf.max-connections-unlimited', 'conf.max-packet-size-unset']);
  const q = (await runMain(['lint', DANGEROUS, '--quiet']));
  assert.equal(q.stdout + q.stderr, '');
});

test('inline suppression: the finding stays in JSON marked suppressed, leaves SARIF, and no longer fails the run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-sup-'));
  writeFileSync(join(dir, 'mosquitto.conf'), '# mqtt-audit: ignore-file conf.max-connections-unlimited,conf.max-packet-size-unset,conf.persistence-disabled -- lab broker\nlistener 1883\n# mqtt-audit: ignore conf.anonymous-network-listener -- isolated lab VLAN\nallow_anonymous true\n');
  const r = (await runMain(['lint', '.', '--format', 'json', '--fail-on', 'critical'], { cwd: dir }));
  assert.equal(r.code, 0, r.stdout);
  const res = JSON.parse(r.stdout) as Result;
  assert.deepEqual(res.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.suppressed!.kind} ${f.suppressed!.reason}`).sort(), [
    'conf.anonymous-network-listener inline isolated lab VLAN',
    'conf.max-connections-unlimited file lab broker',
    'conf.max-packet-size-unset file lab broker',
    'conf.persistence-disabled file lab broker',
  ]);
  assert.deepEqual(res.summary, { critical: 0, high: 1, medium: 0, low: 0, info: 0 });
  const sarif = JSON.parse((await runMain(['lint', '.', '--format', 'sarif'], { cwd: dir })).stdout);
  assert.deepEqual(sarif.runs[0].results.map((x: any) => x.ruleId), ['conf.plaintext-network-listener']);
  const withSup = JSON.parse((await runMain(['lint', '.', '--format', 'sarif', '--sarif-include-suppressed'], { cwd: dir })).stdout);
  assert.equal(withSup.runs[0].results.length, 5);
  assert.deepEqual(sarifErrors(withSup), []);
  assert.ok(withSup.runs[0].results.find((x: any) => x.ruleId === 'conf.anonymous-network-listener').suppressions[0].justification === 'isolated lab VLAN');
});

test('--baseline: unchanged and new findings, fixed ones kept as absent, only new ones fail (JSON and SARIF baselines)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-base-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, 'listener 1883\nmax_connections 10\nmax_packet_size 65536\npersistence true\nallow_anonymous true\n');
  assert.equal((await runMain(['lint', '.', '-o', 'base.json', '-o', 'base.sarif', '--quiet'], { cwd: dir })).code, 1);
  // Someone fixes anonymous access, inserts a comment (lines move) and adds user root.
  writeFileSync(conf, '# moved down a line\nlistener 1883\nmax_connections 10\nmax_packet_size 65536\npersistence true\nuser root\n');
  for (const base of ['base.json', 'base.sarif']) {
    const r = (await runMain(['lint', '.', '--baseline', base, '--format', 'json'], { cwd: dir }));
    assert.equal(r.code, 1, 'user root is new and high');
    const res = JSON.parse(r.stdout) as Result;
    assert.deepEqual(resultErrors(res), []);
    assert.deepEqual(res.findings.map((f) => `${f.ruleId} ${f.baselineState}`).sort(), [
      'conf.anonymous-network-listener absent',
      'conf.plaintext-network-listener unchanged',
      'conf.run-as-root new',
    ], base);
  }
  writeFileSync(conf, '# moved down a line\nlistener 1883\nmax_connections 10\nmax_packet_size 65536\npersistence true\n');
  const r = (await runMain(['lint', '.', '--baseline', 'base.json'], { cwd: dir }));
  assert.equal(r.code, 0, 'nothing new: the unchanged plaintext listener does not fail the run');
  assert.match(r.stdout, /0 new, 1 fixed since the baseline/);
});

test('rule packs add organisation policy as data, validated by the same schema', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-pack-'));
  writeFileSync(join(dir, 'mosquitto.conf'), 'listener 8883\ncertfile /c.crt\nkeyfile /c.key\ntls_version tlsv1.2\nmax_connections 5000\nlistener 9001 127.0.0.1\nprotocol websockets\nlistener 8884\ncertfile /c.crt\nkeyfile /c.key\ntls_version tlsv1.3\nmax_connections 100\n');
  const r = (await runMain(['lint', '.', '--rules', join(FIXTURES, 'rule-packs', 'org-policy'), '--enable', 'org.', '--format', 'json'], { cwd: dir }));
  assert.equal(r.code, 1, r.stderr);
  const res = JSON.parse(r.stdout) as Result;
  assert.deepEqual(res.findings.map((f) => `${f.ruleId} ${f.location?.line} ${f.message}`), [
    'org.tls13-only 4 listener 8883 allows TLS below 1.3',
    'org.max-connections-cap 5 listener 8883 must set max_connections to at most 1000',
    'org.no-websockets 7 listener 9001 speaks websockets, which policy forbids',
  ]);
  const rules = JSON.parse((await runMain(['rules', '--rules', join(FIXTURES, 'rule-packs', 'org-policy'), '--enable', 'org.', '--format', 'json'])).stdout);
  assert.deepEqual(rules.map((x: { id: string; kind: string }) => `${x.id} ${x.kind}`), ['org.max-connections-cap declarative', 'org.no-websockets declarative', 'org.tls13-only declarative']);
});

test('mqtt-audit rules lists every rule in text and JSON', async () => {
  const text = (await runMain(['rules']));
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^acl\.anonymous-wide-access +high +Anonymous section grants write or read-all\n {4}checks: /);
  const json = JSON.parse((await runMain(['rules', '--format', 'json'])).stdout);
  assert.ok(json.length >= 50);
  const anon = json.find((x: { id: string }) => x.id === 'conf.anonymous-network-listener');
  assert.equal(anon.severity, 'critical');
  assert.equal(anon.securitySeverity, 9.5);
  assert.ok(anon.fix && anon.checks && anon.helpUri);
  assert.ok(existsSync(join(FIXTURES, '..', 'docs', 'rules.md')));
});

test('--help and --version behave as commander does', () => {
  const h = runCli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /lint \[options\] \[paths\.\.\.\]/);
  assert.match(runCli(['lint', '--help']).stdout, /--fail-on <severity>/);
  assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('text output is coloured on a terminal, and not with NO_COLOR or --no-color', () => {
  // script(1) gives the CLI a pseudo-terminal as stdout.
  const tty = (extra: string, env: Record<string, string | undefined> = {}) =>
    spawnSync('script', ['-qec', `${process.execPath} ${BIN} lint ${DANGEROUS} ${extra}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, ...env } as NodeJS.ProcessEnv }).stdout;
  assert.match(tty(''), /\x1b\[1;35mcritical/);
  assert.doesNotMatch(tty('--no-color'), /\x1b\[/);
  assert.doesNotMatch(tty('', { NO_COLOR: '1' }), /\x1b\[/);
});

test('no password from a config or a password file appears in any output format', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-secret-'));
  writeFileSync(join(dir, 'mosquitto.conf'), 'listener 1883\npassword_file passwd\nconnection up\naddress 192.0.2.1:1883\ntopic # out\nremote_username bridge\nremote_password hunter2-conf # rotated monthly\nremote_pasword hunter3-typo\nlocal_password hunter4-local\nbridge_psk deadbeefcafe5\n');
  writeFileSync(join(dir, 'passwd'), 'alice:hunter5-plain\nbob:hunter6 with spaces\nhunter7-alone\ncarol:$6$c2FsdHNhbHRzYWx0$aHVudGVyOC1odW50ZXI4LWh1bnRlcjgtaHVudGVyOC1odW50ZXI4LWh1bnRlcjgtaHVudGVyOC1odW50ZXI4LQ==\n');
  const out = ['r.json', 'r.sarif', 'r.md', 'r.html', 'r.txt'];
  const r = (await runMain(['lint', '.', ...out.flatMap((f) => ['-o', f])], { cwd: dir }));
  assert.equal(r.code, 1);
  const texts = [r.stdout, r.stderr, ...out.map((f) => readFileSync(join(dir, f), 'utf8'))];
  // hunter8 hides in the base64 of carol's hash: a hash is a secret too.
  for (const t of texts) assert.doesNotMatch(t, /hunter|deadbeefcafe5|aHVudGVy|c2FsdHNhbHRzYWx0/);
  const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Result;
  assert.ok(json.findings.some((f) => f.ruleId === 'conf.secret-in-config'));
  assert.ok(json.findings.some((f) => f.ruleId === 'conf.inline-comment' && f.message.includes('<redacted>')));
  assert.ok(json.findings.some((f) => f.ruleId === 'passwd.plaintext-password'));
  // Fingerprints are hashes of the line: they must not depend on (and so not leak) the secret on it.
  const conf = readFileSync(join(dir, 'mosquitto.conf'), 'utf8');
  writeFileSync(join(dir, 'mosquitto.conf'), conf.replace(/hunter(\d)/g, 'other-secret-$1').replace('deadbeefcafe5', '0123456789ab'));
  writeFileSync(join(dir, 'passwd'), 'alice:changed\nbob:changed too\nchanged-alone\ncarol:$6$b3RoZXJzYWx0b3Ro$Y2hhbmdlZCFjaGFuZ2VkIWNoYW5nZWQhY2hhbmdlZCFjaGFuZ2VkIWNoYW5nZWQhY2hhbmdlZCFjaGFuZ2VkIQ==\n');
  const again = JSON.parse((await runMain(['lint', '.', '--format', 'json'], { cwd: dir })).stdout) as Result;
  assert.deepEqual(again.findings.map((f) => f.fingerprint).sort(), json.findings.map((f) => f.fingerprint).sort());
});

test('a compose file naming eclipse-mosquitto:1.6.15 makes lint judge the config as 1.6, and says so in text and JSON', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'mqtt-audit-compose-'));
  writeFileSync(join(repo, 'docker-compose.yml'), 'services:\n  mqtt:\n    image: eclipse-mosquitto:1.6.15\n');
  writeFileSync(join(repo, 'mosquitto.conf'), 'persistence true\nlistener 1883 127.0.0.1\n');
  const text = await runMain(['lint', '.', '--fail-on', 'none'], { cwd: repo });
  assert.match(text.stdout, /^mosquitto\.conf: judged for mosquitto 1\.6\.15 \(from docker-compose\.yml:3 \(eclipse-mosquitto:1\.6\.15\)\)$/m);
  const json = await runMain(['lint', '.', '--format', 'json', '--mosquitto-version', '2.0.18', '--fail-on', 'none'], { cwd: repo });
  const res = JSON.parse(json.stdout) as Result;
  assert.deepEqual(resultErrors(res), []);
  assert.deepEqual(res.files[0].mosquitto, { version: '2.0.18', source: 'option' });
});

test('a directory argument is a repository: its configs\' absolute paths are looked up inside it and include_dir files are not linted alone', async () => {
  const repo = join(FIXTURES, 'example-repo');
  const withRoot = JSON.parse((await runMain(['lint', repo, '--root', repo, '--format', 'json'])).stdout) as Result;
  const plain = JSON.parse((await runMain(['lint', repo, '--format', 'json'])).stdout) as Result;
  const key = (r: Result) => r.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line} ${f.severity}`).sort();
  assert.deepEqual(key(plain), key(withRoot));
  assert.deepEqual(plain.files.map((f) => f.path.replace(/^.*example-repo\//, '')).sort(), ['acl', 'conf.d/listeners.conf', 'mosquitto.conf', 'passwd']);
  // The only missing file (a certificate made at deploy time) is low and says what went unchecked; nothing outside the repository is named.
  const missing = plain.findings.filter((f) => f.ruleId === 'conf.referenced-file-missing');
  assert.deepEqual(missing.map((f) => f.severity), ['low']);
  assert.match(missing[0].message, /is not in the repository .*: its expiry, key size and signature could not be checked$/);
  for (const f of plain.findings) assert.doesNotMatch(f.message, /looked for \/etc\//);
});

test('a password file named as the configuration is linted as a password file, and its secrets never reach the output', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'mqtt-audit-pw-'));
  writeFileSync(join(repo, 'passwd'), 'grafana:grafana123\nops:$6$c2FsdA==$aGFzaA==\n');
  for (const format of ['json', 'sarif', 'text']) {
    const r = await runMain(['lint', 'passwd', '--format', format, '--fail-on', 'none'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /grafana123|aGFzaA/);
    assert.match(r.stdout, /passwd\.plaintext-password/);
    if (format !== 'sarif') assert.doesNotMatch(r.stdout, /conf\.unknown-option/); // SARIF lists every rule
  }
});

test('a folder with the name of a file the config names is passed over, not an error', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'mqtt-audit-collide-'));
  writeFileSync(join(repo, 'mosquitto.conf'), 'listener 1883 127.0.0.1\nacl_file /etc/mosquitto/acl\n');
  mkdirSync(join(repo, 'acl'));
  const r = await runMain(['lint', '.', '--format', 'json', '--fail-on', 'none'], { cwd: repo });
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as Result;
  assert.deepEqual(res.findings.filter((f) => f.ruleId === 'conf.referenced-file-missing').map((f) => f.severity), ['high']);
});
