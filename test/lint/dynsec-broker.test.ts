/**
 * @fileoverview The dynamic-security rules against the real plugin: a file made by `mosquitto_ctrl dynsec init`, made
 * dangerous as real setups are, linted, then served by mosquitto 2.0.11 on 127.0.0.1 to show each finding is real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { loadCatalog } from '../../src/rules/load.js';
import { MOSQUITTO, freePort, labDir, startMosquitto, stopAll, type Broker } from '../helpers/brokers.js';
import { runLint } from '../helpers/lint.js';

const PLUGIN = ['/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so', '/usr/lib/mosquitto_dynamic_security.so'].find((p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
});
const CTRL = spawnSync('mosquitto_ctrl', ['--help']).error ? undefined : 'mosquitto_ctrl';
const skip = MOSQUITTO && PLUGIN && CTRL ? false : 'mosquitto, its dynamic-security plugin or mosquitto_ctrl is missing (.ci/run installs them)';
const rules = loadCatalog().rules.filter((r) => r.id.startsWith('dynsec.'));


/** A dynsec client entry with a real PBKDF2-SHA512 password, as the plugin stores it. */
function client(username: string, password: string, roles: string[], groups: string[] = []) {
  const salt = randomBytes(12);
  return { username, password: pbkdf2Sync(password, salt, 101, 64, 'sha512').toString('base64'), salt: salt.toString('base64'), iterations: 101, roles: roles.map((rolename) => ({ rolename })), groups: groups.map((groupname) => ({ groupname })) };
}

const mqtt = (port: number, clientId: string, username?: string, password?: string): Promise<MqttClient> =>
  connectAsync(`mqtt://127.0.0.1:${port}`, { clientId, username, password, reconnectPeriod: 0, connectTimeout: 3000, protocolVersion: 5 });

test('dynsec: an init\'ed file is found world-readable; anonymous # and a client with $CONTROL publish are real holes', { skip }, async () => {
  const dir = labDir('mqtt-audit-dynsec-');
  chmodSync(dir, 0o777); // the plugin (as the mosquitto user) rewrites the file when a command changes it
  const file = join(dir, 'dynamic-security.json');
  const init = spawnSync(CTRL!, ['dynsec', 'init', file, 'admin', 'admin-pw'], { encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  const port = await freePort();
  const conf = `listener ${port} 127.0.0.1\nallow_anonymous true\nplugin ${PLUGIN}\nplugin_opt_config_file ${file}\n`;
  writeFileSync(join(dir, 'mosquitto.conf'), conf);
  const lint = () => runLint({ paths: [join(dir, 'mosquitto.conf')], cwd: dir, fileModes: 'check' }, rules).findings.map((f) => `${f.ruleId} ${f.severity}`).sort();

  // As mosquitto_ctrl writes it: readable by everyone (0644) and mosquitto's 101 iterations.
  assert.deepEqual(lint(), ['dynsec.file-permissions high', 'dynsec.low-iterations low']);

  // Made dangerous as real setups are: a guests group for anonymous clients with subscribePattern #, and a sensor
  // whose ops role may publish to the control topic.
  const ds = JSON.parse(readFileSync(file, 'utf8')) as { clients: object[]; groups?: object[]; roles: object[]; anonymousGroup?: string };
  ds.clients.push(client('sensor1', 'sensor-pw', ['ops']), client('plc', 'plc-pw', ['plant']));
  ds.roles.push({ rolename: 'plant', acls: [{ acltype: 'publishClientSend', topic: 'plant/#', priority: 0, allow: true }] });
  (ds.groups ??= []).push({ groupname: 'guests', roles: [{ rolename: 'guest' }] });
  ds.roles.push({ rolename: 'guest', acls: [{ acltype: 'subscribePattern', topic: '#', priority: 0, allow: true }] });
  ds.roles.push({ rolename: 'ops', acls: [{ acltype: 'publishClientSend', topic: '$CONTROL/dynamic-security/#', priority: 0, allow: true }] });
  ds.anonymousGroup = 'guests';
  writeFileSync(file, JSON.stringify(ds, null, 2));
  chmodSync(file, 0o666);
  assert.deepEqual(lint(), ['dynsec.anonymous-group-wide high', 'dynsec.file-permissions high', 'dynsec.low-iterations low', 'dynsec.role-wildcard-all critical']);

  const brokers: Broker[] = [];
  const clients: MqttClient[] = [];
  try {
    brokers.push(await startMosquitto(dir, 'dynsec', '127.0.0.1', port, conf));
    const plc = await mqtt(port, 'proof-plc', 'plc', 'plc-pw');
    const anon = await mqtt(port, 'proof-anon');
    clients.push(plc, anon);
    // An anonymous client subscribes to # (only the guest role allows it) and gets what the PLC publishes.
    const got = new Promise<string>((res) => anon.on('message', (t) => res(t)));
    const granted = await anon.subscribeAsync('#');
    assert.equal(granted[0].qos, 0, 'the subscription to # is granted');
    await plc.publishAsync('plant/secret', 'x', { qos: 1 });
    assert.equal(await Promise.race([got, new Promise((r) => setTimeout(() => r('nothing'), 1500))]), 'plant/secret');
    // sensor1 makes itself a backdoor admin with one message to $CONTROL, then logs in as it.
    const sensor = await mqtt(port, 'proof-sensor', 'sensor1', 'sensor-pw');
    clients.push(sensor);
    await sensor.publishAsync('$CONTROL/dynamic-security/v1', JSON.stringify({ commands: [{ command: 'createClient', username: 'backdoor', password: 'backdoor-pw' }, { command: 'addClientRole', username: 'backdoor', rolename: 'admin' }] }), { qos: 1 });
    let backdoor: MqttClient | undefined;
    for (let i = 0; i < 20 && !backdoor; i++) {
      backdoor = await mqtt(port, 'proof-backdoor', 'backdoor', 'backdoor-pw').catch(() => undefined);
      if (!backdoor) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(backdoor, 'the client sensor1 created is accepted');
    clients.push(backdoor);
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await stopAll(brokers);
  }
});
