/** @fileoverview Rule packs judge scanned targets too: the example pack fixtures/rule-packs/wire-policy over in-memory scan facts (docs/rule-packs.md). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { auditBatch } from '../../src/audit/audit.js';
import { DEFAULT_SETTINGS } from '../../src/rules/context.js';
import { loadCatalog } from '../../src/rules/load.js';
import { CWD, scanFacts, target } from '../helpers/facts.js';
import { FIXTURES } from '../helpers/paths.js';

const catalog = loadCatalog([join(FIXTURES, 'rule-packs', 'wire-policy')]);
const pack = ['org.anonymous-plaintext', 'org.tls13-on-the-wire'].map((id) => catalog.get(id)!);

const run = (...targets: Parameters<typeof target>[0][]) =>
  auditBatch({ scan: scanFacts(targets.map((t) => target(t))) }, pack, { now: new Date(), ...DEFAULT_SETTINGS }, CWD).map((f) => `${f.ruleId} ${f.severity} ${f.target?.host}:${f.target?.port} ${f.message}`);

const mqtt = (anonymous: boolean) => ({ protocolVersion: 4, anonymous, anonymousResult: anonymous ? 'accepted' : 'not authorised', connack: { v311: anonymous ? 0 : 5 } });

test('the wire-policy pack loads as declarative target rules', () => {
  assert.deepEqual(pack.map((r) => `${r.id} ${r.check ?? (r.when ? 'declarative' : 'nothing')} ${String(r.subject)} ${r.foundBy.join(',')}`), ['org.anonymous-plaintext declarative target scan', 'org.tls13-on-the-wire declarative target scan']);
});

test('target facts: anonymous plaintext is found, anonymous over TLS and refused plaintext are not', () => {
  assert.deepEqual(
    run(
      { host: '127.0.0.1', mqtt: mqtt(true) as never },
      { host: '127.0.0.2', mqtt: mqtt(false) as never },
      { host: '127.0.0.3', port: 8883, transport: 'tls', mqtt: mqtt(true) as never, tls: { protocol: 'TLSv1.3' } as never },
      { host: '127.0.0.4', state: 'not-mqtt' },
    ),
    ['org.anonymous-plaintext critical 127.0.0.1:1883 127.0.0.1:1883 accepts anonymous clients without TLS'],
  );
});

test('target facts: the negotiated TLS version, with the fallback text when the handshake gave none', () => {
  assert.deepEqual(
    run(
      { host: '127.0.0.5', port: 8883, transport: 'tls', tls: { protocol: 'TLSv1.2' } as never },
      { host: '127.0.0.6', port: 8883, transport: 'tls', tls: { protocol: 'TLSv1.3' } as never },
      { host: '127.0.0.7', port: 8883, transport: 'tls', tls: {} as never },
    ),
    [
      'org.tls13-on-the-wire medium 127.0.0.5:8883 127.0.0.5:8883 negotiated TLSv1.2, policy requires TLSv1.3',
      'org.tls13-on-the-wire medium 127.0.0.7:8883 127.0.0.7:8883 negotiated no TLS version, policy requires TLSv1.3',
    ],
  );
});
