/**
 * @fileoverview Who the broker is, in memory: fingerprints of what a probe saw → product, source, confidence and
 * evidence (src/probe/identify.ts); the MQTT 5 limits rule mqtt.unbounded-packets as a table; what compliance may rest
 * on; how the text report names the product. The fingerprints are what the lab's brokers sent (mosquitto 2.0.11,
 * aedes 1.2, RabbitMQ 3.10.8) and, for brokers not in the lab, what their source sends (docs/scan.md, "Who the broker is").
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditBatch } from '../../../src/audit/audit.js';
import type { Result } from '../../../src/model/types.js';
import type { MqttFacts, Product } from '../../../src/model/wire.js';
import { identify, identifyByBehaviour, type Behaviour } from '../../../src/probe/identify.js';
import { formatText } from '../../../src/report/text.js';
import { DEFAULT_SETTINGS } from '../../../src/rules/context.js';
import { loadCatalog } from '../../../src/rules/load.js';
import { CWD, scanFacts, target } from '../../helpers/facts.js';
import { FIXTURES } from '../../helpers/paths.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// ---------------------------------------------------------------- fingerprints seen in the lab and read in sources

/** mosquitto 2.0.11's accepted MQTT 5 CONNACK, as the lab's broker sent it (20 09 00 00 06 22 00 0a 21 00 14). */
const MOSQUITTO_CONNACK = { topicAliasMaximum: 10, receiveMaximum: 20 };
/** RabbitMQ 3.13+ (rabbit_mqtt_processor.erl): Maximum QoS 1, Topic Alias Maximum 16, 16 MiB, no shared subscriptions. */
const RABBITMQ_413_CONNACK = { maximumQoS: 1, topicAliasMaximum: 16, maximumPacketSize: 16777216, sharedSubscriptionAvailable: false, sessionExpiryInterval: 0 };
/** EMQX (emqx_channel.erl enrich_connack_caps) with its defaults: 1 MB packets, 65535 aliases, every flag stated. */
const EMQX_CONNACK = { retainAvailable: true, maximumPacketSize: 1048576, topicAliasMaximum: 65535, wildcardSubscriptionAvailable: true, subscriptionIdentifiersAvailable: true, sharedSubscriptionAvailable: true, receiveMaximum: 32 };
/** HiveMQ CE with its defaults (ConnectHandler, Mqtt5ConnackEncoder): receive maximum 10, topic alias maximum 5. */
const HIVEMQ_CONNACK = { receiveMaximum: 10, topicAliasMaximum: 5 };
const AEDES_TOPIC = '$SYS/647e80a4-19a1-41be-a79b-0570b99c1e05/new/subscribes';

/** The product without its evidence texts, and how many there are. */
const brief = (p: Product | undefined) => (p ? { name: p.name, version: p.version, source: p.source, confidence: p.confidence, evidence: p.evidence?.length } : undefined);

describe('identification: fingerprints → product', () => {
  const cases: { name: string; b: Behaviour; want: ReturnType<typeof brief> }[] = [
    { name: 'nothing seen names nothing', b: {}, want: undefined },
    { name: 'mosquitto refusing anonymous clients (5 and 135, no CONNACK properties) is not named: other brokers answer the same', b: { v311: 5, v5: 135 }, want: undefined },
    { name: 'mosquitto named by $SYS: sys, high', b: { v311: 0, v5: 0, identity: { '$SYS/broker/version': 'mosquitto version 2.0.11' } }, want: { name: 'mosquitto', version: '2.0.11', source: 'sys', confidence: 'high', evidence: 1 } },
    { name: 'mosquitto named by $SYS, its CONNACK agreeing: sys, high, both as evidence', b: { v311: 0, v5: 0, accepted5: MOSQUITTO_CONNACK, identity: { '$SYS/broker/version': 'mosquitto version 2.0.11' } }, want: { name: 'mosquitto', version: '2.0.11', source: 'sys', confidence: 'high', evidence: 2 } },
    { name: 'mosquitto with $SYS hidden: its default CONNACK limits alone, behaviour, medium', b: { v311: 5, v5: 135, accepted5: MOSQUITTO_CONNACK, suback: [0, 0], qos2Granted: 2 }, want: { name: 'mosquitto', version: undefined, source: 'behaviour', confidence: 'medium', evidence: 1 } },
    { name: 'mosquitto with max_packet_size set still shows its default alias and receive limits', b: { v311: 0, v5: 0, accepted5: { topicAliasMaximum: 10, maximumPacketSize: 1048576, receiveMaximum: 20 } }, want: { name: 'mosquitto', version: undefined, source: 'behaviour', confidence: 'medium', evidence: 1 } },
    { name: 'mosquitto without its version topic but with its $SYS/broker/ tree: behaviour, high', b: { v311: 0, v5: 0, accepted5: MOSQUITTO_CONNACK, topics: ['$SYS/broker/uptime', 'sensors/a'] }, want: { name: 'mosquitto', version: undefined, source: 'behaviour', confidence: 'high', evidence: 2 } },
    { name: 'aedes (lab): its $SYS/<uuid>/ events and its MQTT 5 refusal with code 1, behaviour, high', b: { v311: 0, v5: 1, suback: [0, 0], qos2Granted: 2, topics: [AEDES_TOPIC] }, want: { name: 'aedes', version: undefined, source: 'behaviour', confidence: 'high', evidence: 2 } },
    { name: 'aedes heartbeat topics alone ($SYS that does not name it): behaviour, medium', b: { identity: { '$SYS/0f7a2b1c-1111-4222-8333-944455556666/heartbeat': '1' } }, want: { name: 'aedes', version: undefined, source: 'behaviour', confidence: 'medium', evidence: 1 } },
    { name: 'code 1 to MQTT 5 alone is any 3.1.1-only broker (mosquitto before 1.6 too): not named', b: { v311: 0, v5: 1, suback: [0, 0], qos2Granted: 2 }, want: undefined },
    { name: 'RabbitMQ 3.10 (lab): closes on MQTT 5, grants QoS 1 to QoS 2, behaviour, high', b: { v311: 0, v5: 'closed', suback: [0, 0], qos2Granted: 1 }, want: { name: 'rabbitmq', version: undefined, source: 'behaviour', confidence: 'high', evidence: 2 } },
    { name: 'RabbitMQ refusing anonymous clients: closes on MQTT 5 and says 4 to 3.1.1, behaviour, high', b: { v311: 4, v5: 'closed' }, want: { name: 'rabbitmq', version: undefined, source: 'behaviour', confidence: 'high', evidence: 2 } },
    { name: 'RabbitMQ refusing a remote guest (5): the MQTT 5 close alone, medium', b: { v311: 5, v5: 'closed' }, want: { name: 'rabbitmq', version: undefined, source: 'behaviour', confidence: 'medium', evidence: 1 } },
    { name: 'an MQTT 5 close on a port that does not answer 3.1.1 either is not RabbitMQ', b: { v311: 'closed', v5: 'closed' }, want: undefined },
    { name: 'RabbitMQ 3.13+ by its MQTT 5 CONNACK, and its QoS 1 grant: high', b: { v311: 0, v5: 0, accepted5: RABBITMQ_413_CONNACK, qos2Granted: 1 }, want: { name: 'rabbitmq', version: undefined, source: 'behaviour', confidence: 'high', evidence: 2 } },
    { name: 'two shared behaviours only (QoS 1 granted, 4 to a CONNECT without credentials): low', b: { v311: 4, v5: 134, qos2Granted: 1 }, want: { name: 'rabbitmq', version: undefined, source: 'behaviour', confidence: 'low', evidence: 2 } },
    { name: 'one shared behaviour alone (QoS 1 granted: mosquitto with max_qos 1 too) names nothing', b: { v311: 0, v5: 0, qos2Granted: 1 }, want: undefined },
    { name: 'EMQX by its CONNACK flags: medium', b: { v311: 0, v5: 0, accepted5: EMQX_CONNACK }, want: { name: 'emqx', version: undefined, source: 'behaviour', confidence: 'medium', evidence: 1 } },
    { name: 'EMQX by its CONNACK flags and its default ACL refusing # and $SYS/#: high', b: { v311: 0, v5: 0, accepted5: EMQX_CONNACK, suback: [128, 128] }, want: { name: 'emqx', version: undefined, source: 'behaviour', confidence: 'high', evidence: 2 } },
    { name: 'EMQX named by $SYS (sysdescr and version): sys, high', b: { v311: 0, v5: 0, accepted5: EMQX_CONNACK, identity: { '$SYS/brokers/emqx@127.0.0.1/sysdescr': 'EMQX', '$SYS/brokers/emqx@127.0.0.1/version': '5.1.0' } }, want: { name: 'emqx', version: '5.1.0', source: 'sys', confidence: 'high', evidence: 3 } },
    { name: 'HiveMQ by its default CONNACK limits: medium', b: { v311: 0, v5: 0, accepted5: HIVEMQ_CONNACK, suback: [0, 0], qos2Granted: 2 }, want: { name: 'hivemq', version: undefined, source: 'behaviour', confidence: 'medium', evidence: 1 } },
    { name: 'HiveMQ with a maximum packet size set is no longer its default fingerprint', b: { v311: 0, v5: 0, accepted5: { ...HIVEMQ_CONNACK, maximumPacketSize: 1048576 } }, want: undefined },
    { name: 'a broker that names itself mosquitto but sends HiveMQ\'s CONNACK: sys, medium, both said', b: { v311: 0, v5: 0, accepted5: HIVEMQ_CONNACK, identity: { '$SYS/broker/version': 'mosquitto version 2.0.18' } }, want: { name: 'mosquitto', version: '2.0.18', source: 'sys', confidence: 'medium', evidence: 2 } },
    { name: 'two products each with one specific behaviour tie: nothing named', b: { v311: 0, v5: 'closed', topics: [AEDES_TOPIC] }, want: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(brief(identify(c.b)), c.want));

  test('a product ahead of a rival with its own specific behaviour is named at low confidence, the rival in its evidence', () => {
    const p = identifyByBehaviour({ v311: 0, v5: 'closed', qos2Granted: 1, topics: [AEDES_TOPIC] });
    assert.equal(p?.name, 'rabbitmq');
    assert.equal(p?.confidence, 'low');
    assert.match(p!.evidence!.at(-1)!, /^but: \$SYS topics under \$SYS\/<uuid>\//);
  });

  test('evidence says what was seen, in words, specific behaviours first', () => {
    assert.deepEqual(identify({ v311: 0, v5: 1, topics: [AEDES_TOPIC] })?.evidence, [
      '$SYS topics under $SYS/<uuid>/: aedes publishes its events under its broker id, a UUID',
      'refuses MQTT 5 with the MQTT 3.1.1 return code 1: a 3.1.1-only broker, as aedes is',
    ]);
    assert.deepEqual(identify({ v311: 0, v5: 0, accepted5: MOSQUITTO_CONNACK, identity: { '$SYS/broker/version': 'mosquitto version 2.0.11' } })?.evidence, [
      '$SYS/broker/version: mosquitto version 2.0.11',
      'MQTT 5 CONNACK with topic alias maximum 10 and receive maximum 20 and no capability flags: mosquitto 2.0\'s defaults (max_topic_alias, max_inflight_messages)',
    ]);
  });
});

// ---------------------------------------------------------------- mqtt.unbounded-packets

/** MQTT facts of an anonymous broker; `limits` only when an MQTT 5 CONNECT was accepted. */
const mqtt = (over: Partial<MqttFacts> = {}): MqttFacts => ({ protocolVersion: 5, anonymous: true, anonymousResult: 'accepted', connack: { v311: 0, v5: 0 }, ...over });
const scan1 = (t: ReturnType<typeof target>) => ({ scan: scanFacts([t]) });

ruleTester('mqtt.unbounded-packets', {
  valid: [
    { name: 'a CONNACK that advertises a maximum packet size (EMQX: 1 MB by default) is not reported', facts: scan1(target({ mqtt: mqtt({ limits: { session: 'anonymous', maximumPacketSize: 1048576, topicAliasMaximum: 65535 } }) })) },
    { name: 'a broker that refused MQTT 5 (aedes: code 1) cannot be judged', facts: scan1(target({ mqtt: mqtt({ protocolVersion: 4, connack: { v311: 0, v5: 1 } }) })) },
    { name: 'a broker that closed on MQTT 5 (RabbitMQ before 3.13) cannot be judged', facts: scan1(target({ mqtt: mqtt({ protocolVersion: 4, connack: { v311: 0, v5: 'closed' } }) })) },
    { name: 'a broker that refused the anonymous MQTT 5 CONNECT, with no login, cannot be judged', facts: scan1(target({ mqtt: mqtt({ anonymous: false, anonymousResult: 'not authorised', connack: { v311: 5, v5: 135 } }) })) },
    { name: 'a port that does not speak MQTT is not reported', facts: scan1(target({ state: 'not-mqtt' })) },
  ],
  invalid: [
    {
      name: 'mosquitto 2.0 with its defaults: no maximum packet size in the CONNACK',
      facts: scan1(target({ mqtt: mqtt({ limits: { session: 'anonymous', receiveMaximum: 20, topicAliasMaximum: 10 } }) })),
      findings: [{ message: '127.0.0.1:1883 advertises no maximum packet size in its MQTT 5 CONNACK: it takes packets up to the protocol limit of 256 MB', target: '127.0.0.1:1883', evidence: { limits: { session: 'anonymous', receiveMaximum: 20, topicAliasMaximum: 10 }, transport: 'tcp' } }],
    },
    {
      name: 'judged on the --username login when anonymous MQTT 5 was refused, on a TLS target named by host name',
      facts: scan1(target({ host: '10.0.0.5', name: 'broker.example', port: 8883, transport: 'tls', mqtt: mqtt({ anonymous: false, connack: { v311: 5, v5: 135 }, limits: { session: 'user', receiveMaximum: 10, topicAliasMaximum: 5 } }) })),
      findings: [{ message: 'broker.example (10.0.0.5):8883 advertises no maximum packet size in its MQTT 5 CONNACK: it takes packets up to the protocol limit of 256 MB', target: '10.0.0.5:8883', evidence: { limits: { session: 'user', receiveMaximum: 10, topicAliasMaximum: 5 }, transport: 'tls' } }],
    },
  ],
});

test('compliance: mqtt.unbounded-packets judges only targets where an MQTT 5 CONNECT was accepted', () => {
  const rules = loadCatalog().rules.filter((r) => r.id === 'mqtt.unbounded-packets');
  const applied = (m: MqttFacts) => {
    const set = new Set<string>();
    auditBatch({ scan: scanFacts([target({ mqtt: m })]) }, rules, { now: new Date(), ...DEFAULT_SETTINGS }, CWD, { applied: set });
    return set.has('mqtt.unbounded-packets');
  };
  assert.equal(applied(mqtt({ protocolVersion: 4, connack: { v311: 0, v5: 1 } })), false, 'MQTT 5 refused: nothing to judge');
  assert.equal(applied(mqtt({ limits: { session: 'anonymous', maximumPacketSize: 1048576 } })), true, 'MQTT 5 accepted: judged (and passed)');
});

// ---------------------------------------------------------------- the text report's targets line

test('the targets line: $SYS products as before, behaviour ones say so, doubt is said', () => {
  const base = JSON.parse(readFileSync(join(FIXTURES, 'results', 'scan-lab.json'), 'utf8')) as Result;
  const byHost = (r: Result, host: string) => formatText(r, undefined).split('\n').find((l) => l.startsWith(`  ${host}:`))!;
  const withProduct = (host: string, product: Product) => ({ ...base, targets: base.targets.map((t) => (t.host === host ? { ...t, mqtt: { ...(t.mqtt as object), product } } : t)) }) as Result;
  assert.match(byHost(base, '127.0.0.65'), /MQTT 5, anonymous accepted, mosquitto version 2\.0\.11$/, 'results without product read as before');
  assert.match(byHost(withProduct('127.0.0.65', { name: 'mosquitto', version: '2.0.11', source: 'sys', confidence: 'high', evidence: [] }), '127.0.0.65'), /anonymous accepted, mosquitto version 2\.0\.11$/);
  assert.match(byHost(withProduct('127.0.0.65', { name: 'mosquitto', version: '2.0.11', source: 'sys', confidence: 'medium', evidence: [] }), '127.0.0.65'), /mosquitto version 2\.0\.11 \(medium confidence\)$/);
  assert.match(byHost(withProduct('127.0.0.76', { name: 'aedes', source: 'behaviour', confidence: 'high', evidence: [] }), '127.0.0.76'), /MQTT 3\.1\.1, anonymous accepted, aedes by its behaviour$/);
  assert.match(byHost(withProduct('127.0.0.76', { name: 'rabbitmq', source: 'behaviour', confidence: 'medium', evidence: [] }), '127.0.0.76'), /anonymous accepted, RabbitMQ by its behaviour \(medium confidence\)$/);
});
