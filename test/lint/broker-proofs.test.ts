/**
 * @fileoverview Lint's claims about what mosquitto does with an ACL or a bridge, proved on the real broker (Debian's
 * mosquitto 2.0.11) on 127.0.0.1: the same files are linted and served, and clients see what the finding says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { loadCatalog } from '../../src/rules/load.js';
import { MOSQUITTO, freePort, labDir, passwdLine, startMosquitto, stopAll, type Broker } from '../helpers/brokers.js';
import { runLint } from '../helpers/lint.js';

const skip = MOSQUITTO ? false : 'mosquitto is not installed (.ci/run installs it)';
const rules = loadCatalog().rules;


const client = (port: number, username: string, clientId = `proof-${username}`): Promise<MqttClient> =>
  connectAsync(`mqtt://127.0.0.1:${port}`, { username, password: `${username}-pw`, clientId, reconnectPeriod: 0, connectTimeout: 3000 });

/** Does `who` receive a message that `from` publishes on `topic`? */
async function receives(who: MqttClient, from: MqttClient, topic: string): Promise<boolean> {
  const got = new Promise<boolean>((res) => {
    const timer = setTimeout(() => res(false), 400);
    who.on('message', (t) => {
      if (t === topic) {
        clearTimeout(timer);
        res(true);
      }
    });
  });
  await who.subscribeAsync(topic);
  await from.publishAsync(topic, 'x', { qos: 1 });
  const r = await got;
  who.removeAllListeners('message');
  await who.unsubscribeAsync(topic);
  return r;
}

test('ACL: a pattern inside alice\'s block reaches bob; a broad deny cancels alice\'s narrower grants (lint says both)', { skip }, async () => {
  const dir = labDir('mqtt-audit-acl-proof-');
  const port = await freePort();
  writeFileSync(join(dir, 'passwd'), ['alice', 'bob', 'admin'].map((u) => passwdLine(u, `${u}-pw`)).join('\n') + '\n', { mode: 0o644 });
  writeFileSync(join(dir, 'acl'), 'user alice\ntopic readwrite alice/#\npattern read secret/%u/#\ntopic deny sensors/#\ntopic read sensors/public\n\nuser admin\ntopic readwrite #\n', { mode: 0o644 });
  const conf = `listener ${port} 127.0.0.1\nallow_anonymous false\npassword_file ${join(dir, 'passwd')}\nacl_file ${join(dir, 'acl')}\n`;
  writeFileSync(join(dir, 'lint.conf'), conf);
  const res = runLint({ paths: [join(dir, 'lint.conf')], cwd: dir, fileModes: 'ignore' }, rules);
  assert.deepEqual(
    res.findings.filter((f) => f.ruleId === 'acl.pattern-in-user-block' || f.ruleId === 'acl.user-deny-cancels-grant').map((f) => `${f.ruleId} ${f.location?.line}`),
    ['acl.pattern-in-user-block 3', 'acl.user-deny-cancels-grant 4'],
  );
  const brokers: Broker[] = [];
  const clients: MqttClient[] = [];
  try {
    brokers.push(await startMosquitto(dir, 'acl', '127.0.0.1', port, conf));
    const [alice, bob, admin] = await Promise.all([client(port, 'alice'), client(port, 'bob'), client(port, 'admin')]);
    clients.push(alice, bob, admin);
    assert.equal(await receives(bob, admin, 'secret/bob/key'), true, 'bob reads secret/bob/# through the pattern written in alice\'s block');
    assert.equal(await receives(bob, admin, 'secret/alice/key'), false, '%u is the reader\'s own name');
    assert.equal(await receives(alice, admin, 'sensors/public'), false, 'the deny on sensors/# is checked before the grant');
    assert.equal(await receives(alice, admin, 'alice/inbox'), true, 'alice\'s other grants work');
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await stopAll(brokers);
  }
});

/** Collect the topics a client receives on `#`. */
async function collector(port: number, clientId: string): Promise<{ c: MqttClient; topics: string[] }> {
  const c = await connectAsync(`mqtt://127.0.0.1:${port}`, { clientId, reconnectPeriod: 0, connectTimeout: 3000 });
  const topics: string[] = [];
  c.on('message', (t) => topics.push(t));
  await c.subscribeAsync('#');
  return { c, topics };
}

/** Publish until `seen()` holds (a bridge takes a moment to connect), at most ms. */
async function until(pub: () => Promise<unknown>, seen: () => boolean, ms = 4000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await pub();
    await new Promise((r) => setTimeout(r, 150));
    if (seen()) return true;
  }
  return false;
}

test('bridges: a # in the QoS field drops the prefixes; # in then # out leaves no way in (lint says both)', { skip }, async () => {
  const dir = labDir('mqtt-audit-bridge-proof-');
  const [pb, pa1, pa2] = [await freePort(), await freePort(), await freePort()];
  const a1 = `listener ${pa1} 127.0.0.1\nallow_anonymous true\nconnection one\naddress 127.0.0.1:${pb}\ntopic temp out # local/ remote/\n`;
  const a2 = `listener ${pa2} 127.0.0.1\nallow_anonymous true\nconnection two\naddress 127.0.0.1:${pb}\ntopic # in 0\ntopic # out 0\n`;
  writeFileSync(join(dir, 'a1-lint.conf'), a1);
  writeFileSync(join(dir, 'a2-lint.conf'), a2);
  const res = runLint({ paths: [join(dir, 'a1-lint.conf'), join(dir, 'a2-lint.conf')], cwd: dir }, rules);
  assert.deepEqual(
    res.findings.filter((f) => f.ruleId.startsWith('conf.bridge-topic-comment') || f.ruleId === 'conf.bridge-mirrors-all').map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line}`).sort(),
    ['conf.bridge-mirrors-all a2-lint.conf:6', 'conf.bridge-topic-comment a1-lint.conf:5'],
  );
  const brokers: Broker[] = [];
  const clients: MqttClient[] = [];
  try {
    brokers.push(await startMosquitto(dir, 'b', '127.0.0.1', pb, `listener ${pb} 127.0.0.1\nallow_anonymous true\n`));
    brokers.push(await startMosquitto(dir, 'a1', '127.0.0.1', pa1, a1));
    brokers.push(await startMosquitto(dir, 'a2', '127.0.0.1', pa2, a2));
    const onB = await collector(pb, 'proof-b');
    const onA2 = await collector(pa2, 'proof-a2');
    const pubA1 = await connectAsync(`mqtt://127.0.0.1:${pa1}`, { clientId: 'proof-pub-a1', reconnectPeriod: 0 });
    const pubA2 = await connectAsync(`mqtt://127.0.0.1:${pa2}`, { clientId: 'proof-pub-a2', reconnectPeriod: 0 });
    const pubB = await connectAsync(`mqtt://127.0.0.1:${pb}`, { clientId: 'proof-pub-b', reconnectPeriod: 0 });
    clients.push(onB.c, onA2.c, pubA1, pubA2, pubB);
    // With the prefixes lost, `temp` goes out as `temp` and `local/temp` is not bridged at all.
    assert.ok(await until(() => pubA1.publishAsync('temp', '1'), () => onB.topics.includes('temp')), 'temp reaches B unprefixed');
    await pubA1.publishAsync('local/temp', '2');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!onB.topics.includes('remote/temp') && !onB.topics.includes('local/temp'), `B saw ${onB.topics.join(', ')}`);
    // A2's out direction works (its messages reach B) but nothing published on B comes in.
    assert.ok(await until(() => pubA2.publishAsync('up/a2', '1'), () => onB.topics.includes('up/a2')), 'A2 → B works');
    await pubB.publishAsync('down/b', '1');
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(!onA2.topics.includes('down/b'), 'B → A2 is lost: the # out line unsubscribed the # in line');
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await stopAll(brokers);
  }
});
