/** @fileoverview scan --config: the configuration in the repository against the broker on the wire (a real mosquitto), drift.* at config lines. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labDir, MOSQUITTO, openUp, startMosquitto, stopAll, type Broker } from '../helpers/brokers.js';
import { runCliAsync } from '../helpers/cli.js';
import { testPki } from '../helpers/harness.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';
import type { Result } from '../../src/model/types.js';
import { readFileSync } from 'node:fs';

const skip = MOSQUITTO ? false : 'mosquitto is not installed (.ci/run installs it)';
const HOST = '127.0.0.140';
let broker: Broker | undefined;
let result: Result;
let sarif: any;

before(async () => {
  if (skip) return;
  const dir = labDir('mqtt-audit-drift-');
  cpSync(testPki(), join(dir, 'certs'), { recursive: true });
  openUp(dir);
  // What runs: 18861 plaintext, 18863 an extra listener, 18864 TLS with another certificate; anonymous everywhere.
  broker = await startMosquitto(dir, 'deployed', HOST, 18861, `log_dest stdout\nallow_anonymous true\nlistener 18861 ${HOST}\nlistener 18863 ${HOST}\nlistener 18864 ${HOST}\ncertfile ${join(dir, 'certs', 'selfsigned.crt')}\nkeyfile ${join(dir, 'certs', 'selfsigned.key')}\n`);
  // What the repository says: 18861 with TLS, 18862, 18864 with the CA-issued certificate; no anonymous clients.
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  cpSync(join(dir, 'certs'), join(repo, 'certs'), { recursive: true });
  writeFileSync(join(repo, 'mosquitto.conf'), [
    '# the configuration in the repository',
    'allow_anonymous false',
    'password_file /etc/mosquitto/passwd',
    `listener 18861 ${HOST}`,
    'certfile /etc/mosquitto/certs/server.crt',
    'keyfile /etc/mosquitto/certs/server.key',
    `listener 18862 ${HOST}`,
    `listener 18864 ${HOST}`,
    'certfile /etc/mosquitto/certs/server.crt',
    'keyfile /etc/mosquitto/certs/server.key',
    '',
  ].join('\n'));
  writeFileSync(join(repo, 'passwd'), '');
  const r = await runCliAsync(['scan', HOST, '--ports', '18860-18865', '--config', 'mosquitto.conf', '--root', '.', '--listen', '0.2', '--timeout', '3000', '--format', 'json', '-o', 'drift.sarif', '--fail-on', 'none'], { cwd: repo });
  assert.equal(r.code, 0, r.stderr);
  result = JSON.parse(r.stdout) as Result;
  sarif = JSON.parse(readFileSync(join(repo, 'drift.sarif'), 'utf8'));
});
after(async () => {
  if (broker) await stopAll([broker]);
});

test('drift: every difference between the repository and the wire, at the config line that makes it', { skip }, () => {
  assert.deepEqual(resultErrors(result), []);
  const drift = result.findings.filter((f) => f.ruleId.startsWith('drift.')).map((f) => `${f.ruleId} ${f.target!.port} line ${f.location!.line}`).sort();
  assert.deepEqual(drift, [
    'drift.anonymous-mismatch 18861 line 2',
    'drift.anonymous-mismatch 18864 line 2',
    'drift.cert-mismatch 18864 line 9',
    'drift.listener-closed 18862 line 7',
    'drift.tls-mismatch 18861 line 4',
    'drift.undeclared-port 18863 line 2',
  ]);
  const cert = result.findings.find((f) => f.ruleId === 'drift.cert-mismatch')!;
  assert.notEqual(cert.evidence!.diskFingerprint, cert.evidence!.wireFingerprint);
});

test('drift: the configuration is linted in the same run, and SARIF anchors drift at the config with the target beside it', { skip }, () => {
  assert.ok(result.files.some((f) => f.path === 'mosquitto.conf'));
  assert.ok(result.findings.some((f) => f.ruleId === 'conf.persistence-disabled' && f.location?.path === 'mosquitto.conf'));
  assert.deepEqual(sarifErrors(sarif), []);
  const closed = sarif.runs[0].results.find((x: any) => x.ruleId === 'drift.listener-closed');
  assert.equal(closed.locations[0].physicalLocation.artifactLocation.uri, 'mosquitto.conf');
  assert.equal(closed.locations[0].physicalLocation.region.startLine, 7);
  assert.equal(closed.locations[0].logicalLocations[0].fullyQualifiedName, `mqtt://${HOST}:18862`);
});
