/** @fileoverview Which subjects a rule really judged (src/rules/applicability.ts): what a compliance pass may rest on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditBatch } from '../../src/audit/audit.js';
import { DEFAULT_SETTINGS } from '../../src/rules/context.js';
import { loadCatalog } from '../../src/rules/load.js';
import { CWD, confFacts, scanFacts, target } from '../helpers/facts.js';

const rules = loadCatalog().rules;
const settings = { now: new Date(), ...DEFAULT_SETTINGS };
const applied = (facts: Parameters<typeof auditBatch>[0]) => {
  const set = new Set<string>();
  auditBatch(facts, rules, settings, CWD, { applied: set });
  return set;
};

test('a closed port: no MQTT or TLS rule judged anything', () => {
  const a = applied({ scan: scanFacts([target({ state: 'closed', mqtt: undefined, tls: undefined })]) });
  for (const id of ['mqtt.anonymous-access', 'mqtt.plaintext-listener', 'mqtt.weak-credentials', 'tls.client-cert-not-required', 'tls.weak-cipher']) assert.ok(!a.has(id), id);
});

test('an open plaintext broker: the MQTT rules judged it; credential, listening and TLS rules did not', () => {
  const a = applied({ scan: scanFacts([target({ mqtt: { protocolVersion: 4, anonymous: true, anonymousResult: 'accepted', connack: { v311: 0 } } })]) });
  assert.ok(a.has('mqtt.anonymous-access'));
  for (const id of ['mqtt.weak-credentials', 'mqtt.wildcard-subscribe', 'mqtt.sys-exposed', 'tls.client-cert-not-required']) assert.ok(!a.has(id), id);
});

test('lint: permission rules judge only modes that count; TLS rules only listeners with TLS', () => {
  const unchecked = confFacts('listener 1883 127.0.0.1\npassword_file passwd\n', { passwd: { passwd: 'a:$7$101$c2FsdA==$aGFzaA==\n' } });
  const a = applied({ config: unchecked });
  assert.ok(!a.has('passwd.file-permissions'));
  assert.ok(!a.has('conf.weak-ciphers') && !a.has('conf.client-cert-without-crl'));
  const checked = confFacts('listener 8883\ncertfile /c\nkeyfile /k\nrequire_certificate true\ncafile /ca\nciphers HIGH\npassword_file passwd\n', { passwd: { passwd: 'a:$7$101$c2FsdA==$aGFzaA==\n' }, modes: { passwd: 0o600 } });
  const b = applied({ config: checked });
  for (const id of ['passwd.file-permissions', 'conf.weak-ciphers', 'conf.client-cert-without-crl']) assert.ok(b.has(id), id);
});
