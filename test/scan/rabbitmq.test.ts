/**
 * @fileoverview RabbitMQ's MQTT plugin, started on loopback only, is scanned and known by its behaviour: it closes the
 * connection on an MQTT 5 CONNECT and grants QoS 1 to a QoS 2 subscription (docs/scan.md, "Who the broker is").
 *
 * A manual check, not part of `npm test`: RabbitMQ takes 10–15 s to boot a fresh node here. Run it with
 *   apt-get install -y rabbitmq-server   # Debian's 3.10.8
 *   npm run build && MQTT_AUDIT_RABBITMQ=1 node --test dist/test/scan/rabbitmq.test.js
 * Everything listens on 127.0.0.1 (AMQP, MQTT, Erlang distribution, epmd) and Erlang's resolver reads only a hosts file
 * of its own: no DNS.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../src/model/types.js';
import { freePort, labDir, waitForPort } from '../helpers/brokers.js';
import { runCliAsync } from '../helpers/cli.js';
import { resultErrors } from '../helpers/schemas.js';

/** The server script itself (Debian's /usr/sbin wrapper would switch to the rabbitmq user and its own files). */
const SERVER = [process.env.RABBITMQ_SERVER, '/usr/lib/rabbitmq/bin/rabbitmq-server'].find((p) => p && existsSync(p));
const skip = !SERVER
  ? 'rabbitmq-server is not installed (apt-get install -y rabbitmq-server; see docs/scan.md, "Who the broker is")'
  : process.env.MQTT_AUDIT_RABBITMQ !== '1'
    ? 'a manual check: RabbitMQ needs 10-15 s to start; run it with MQTT_AUDIT_RABBITMQ=1'
    : false;

const HOST = '127.0.0.1';
let dir = '';
let mqttPort = 0;
let epmdPort = 0;
let proc: ChildProcess | undefined;
let log = '';
let startedInMs = 0;

before(async () => {
  if (skip) return;
  dir = labDir('mqtt-audit-rabbitmq-');
  for (const d of ['home', 'mnesia', 'log']) mkdirSync(join(dir, d));
  const [amqp, dist] = [await freePort(HOST), await freePort(HOST)];
  [mqttPort, epmdPort] = [await freePort(HOST), await freePort(HOST)];
  writeFileSync(
    join(dir, 'rabbitmq.conf'),
    [`listeners.tcp.default = ${HOST}:${amqp}`, `mqtt.listeners.tcp.default = ${HOST}:${mqttPort}`, `distribution.listener.interface = ${HOST}`, `distribution.listener.port_range.min = ${dist}`, `distribution.listener.port_range.max = ${dist}`, ''].join('\n'),
  );
  // `rabbitmq-plugins enable rabbitmq_mqtt` writes this file; writing it needs no running node.
  writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_mqtt].\n');
  // Erlang resolves host names from this file alone: the node name's "localhost", and nothing else.
  writeFileSync(join(dir, 'hosts'), `${HOST} localhost\n`);
  writeFileSync(join(dir, 'erl_inetrc'), `{hosts_file, "${join(dir, 'hosts')}"}.\n{lookup, [file]}.\n`);
  const started = Date.now();
  proc = spawn(SERVER!, [], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOME: join(dir, 'home'),
      ERL_EPMD_ADDRESS: HOST,
      ERL_EPMD_PORT: String(epmdPort),
      ERL_INETRC: join(dir, 'erl_inetrc'),
      RABBITMQ_NODENAME: 'rabbit@localhost',
      RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
      RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(dir, 'log'),
      RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
      RABBITMQ_LOGS: '-',
    },
  });
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  try {
    await waitForPort(HOST, mqttPort, 60000);
  } catch (e) {
    throw new Error(`RabbitMQ did not start: ${(e as Error).message}\n${log.slice(-4000)}`);
  }
  startedInMs = Date.now() - started;
});

after(async () => {
  if (proc && proc.exitCode === null) {
    // The script stops the node on SIGTERM and waits for it.
    proc.kill('SIGTERM');
    await new Promise((r) => (proc!.exitCode !== null ? r(null) : proc!.once('exit', r)));
  }
  // epmd outlives the node: stop the one this test started, on its own port.
  if (epmdPort) spawnSync('epmd', ['-kill'], { env: { ...process.env, ERL_EPMD_PORT: String(epmdPort) } });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('RabbitMQ 3.x: scanned without trouble, MQTT 3.1.1 only, known by its behaviour', { skip, timeout: 120000 }, async (t) => {
  const r = await runCliAsync(['scan', HOST, '--ports', String(mqttPort), '--listen', '0.5', '--timeout', '3000', '--format', 'json', '--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const res = JSON.parse(r.stdout) as Result;
  assert.deepEqual(resultErrors(res), []);
  const target = res.targets[0] as Record<string, any>;
  assert.equal(target.state, 'open', target.reason);
  const m = target.mqtt;
  // Guest is the anonymous default and may log in from loopback (loopback_users).
  assert.equal(m.anonymous, true);
  assert.equal(m.protocolVersion, 4);
  assert.deepEqual(m.connack, { v311: 0, v5: 'closed' }, 'RabbitMQ before 3.13 closes on an MQTT 5 CONNECT');
  assert.equal(m.limits, undefined, 'no MQTT 5 CONNECT accepted');
  assert.deepEqual(m.listen.subackCodes, [0, 0]);
  assert.equal(m.qos2Granted, 1, 'RabbitMQ grants QoS 1 at most');
  assert.deepEqual({ ...m.product, evidence: m.product.evidence.length }, { name: 'rabbitmq', source: 'behaviour', confidence: 'high', evidence: 2 });
  const ids = res.findings.map((f) => f.ruleId).sort();
  assert.deepEqual(ids, ['mqtt.anonymous-access', 'mqtt.plaintext-listener']);
  const text = await runCliAsync(['scan', HOST, '--ports', String(mqttPort), '--listen', '0', '--timeout', '3000', '--fail-on', 'none']);
  assert.match(text.stdout, new RegExp(`${HOST}:${mqttPort} +tcp +open +MQTT 3\\.1\\.1, anonymous accepted, RabbitMQ by its behaviour\\n`));
  t.diagnostic(`RabbitMQ started in ${startedInMs} ms`);
  // RabbitMQ logs the MQTT 5 CONNECT it could not parse as an error; the scan itself did not fail.
  assert.match(log, /MQTT cannot parse a frame|unparseable payload/);
});
