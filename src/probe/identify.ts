/**
 * @fileoverview Who the broker is: named by its $SYS topics, or recognised by what it does (CONNACK codes and
 * properties, how it refuses MQTT 5, SUBACK codes, the shape of its $SYS tree). Pure: what the probe saw in, a product,
 * its confidence and the evidence out. Each fingerprint below cites where the behaviour is documented or coded, and
 * says which were seen in this project's lab (docs/scan.md, "Who the broker is").
 */
import type { Product } from '../model/wire.js';

/** What the probe saw of a broker, as identification reads it. */
export interface Behaviour {
  /** The anonymous MQTT 3.1.1 CONNECT: its CONNACK return code, or how it ended (`closed`, `timeout`, `not-mqtt`). */
  v311?: number | string;
  /** The anonymous MQTT 5 CONNECT: its CONNACK reason code (1 when a 3.1.1-only broker answered), or how it ended. */
  v5?: number | string;
  /** The properties of the first accepted MQTT 5 CONNACK (anonymous or --username), when one was accepted. */
  accepted5?: Record<string, unknown>;
  /** The SUBACK codes of the listening session's `#` and `$SYS/#` subscriptions. */
  suback?: number[];
  /** The SUBACK code of the QoS 2 test subscription. */
  qos2Granted?: number;
  /** Topics that arrived while listening (only their names are read). */
  topics?: string[];
  /** $SYS topics that name the broker, topic → payload (src/probe/mqtt.ts IDENTITY_TOPIC). */
  identity?: Record<string, string>;
}

/** The product and version a broker's $SYS topics reveal (mosquitto, EMQX, aedes), or undefined. */
export function identifyProduct(identity: Record<string, string>): { name: string; version?: string } | undefined {
  const mosq = /^mosquitto version (\d+(?:\.\d+)*)/.exec(identity['$SYS/broker/version'] ?? '');
  if (mosq) return { name: 'mosquitto', version: mosq[1] };
  const emqx = Object.entries(identity).find(([t]) => /^\$SYS\/brokers\/[^/]+\/sysdescr$/.test(t) && /emqx/i.test(identity[t]));
  const emqxVersion = Object.entries(identity).find(([t, v]) => /^\$SYS\/brokers\/[^/]+\/version$/.test(t) && /^v?\d+(\.\d+)*/.test(v));
  if (emqx || emqxVersion) return { name: 'emqx', ...(emqxVersion ? { version: /(\d+(?:\.\d+)*)/.exec(emqxVersion[1])![1] } : {}) };
  if (Object.keys(identity).some((t) => AEDES_SYS.test(t))) return { name: 'aedes' };
  return undefined;
}

/** aedes publishes its events under `$SYS/<broker id>/` and the id is a UUID (aedes.js: heartbeat, birth, new/clients, new/subscribes). */
const AEDES_SYS = /^\$SYS\/[0-9a-f-]{36}\//;

/** One observation and the product it points at; strong ones are specific to that product, weak ones only consistent with it. */
interface Signal {
  product: string;
  strong: boolean;
  evidence: string;
}

/** CONNACK properties mosquitto 2.0 can send (src/handle_connect.c, src/send_connack.c): none of the capability flags. */
const MOSQUITTO_KEYS = new Set(['topicAliasMaximum', 'serverKeepAlive', 'assignedClientIdentifier', 'authenticationMethod', 'authenticationData', 'retainAvailable', 'maximumPacketSize', 'receiveMaximum', 'maximumQoS']);
/** CONNACK properties HiveMQ sends with its defaults, and those a CONNECT may add (ConnectHandler.buildMqtt5Connack). */
const HIVEMQ_KEYS = new Set(['receiveMaximum', 'topicAliasMaximum', 'assignedClientIdentifier', 'serverKeepAlive', 'sessionExpiryInterval']);

const isCode = (x: unknown): x is number => typeof x === 'number';

/** Everything the behaviour shows, as signals. */
function signals(b: Behaviour): Signal[] {
  const out: Signal[] = [];
  const p = b.accepted5;
  const keys = p ? Object.keys(p) : [];

  // mosquitto 2.0: max_topic_alias 10 and max_inflight_messages 20 by default (mosquitto.conf(5)), both sent in every
  // accepted MQTT 5 CONNACK; it never sends the capability flags. Seen in the lab (2.0.11).
  if (p && p.topicAliasMaximum === 10 && p.receiveMaximum === 20 && keys.every((k) => MOSQUITTO_KEYS.has(k))) {
    out.push({ product: 'mosquitto', strong: true, evidence: 'MQTT 5 CONNACK with topic alias maximum 10 and receive maximum 20 and no capability flags: mosquitto 2.0\'s defaults (max_topic_alias, max_inflight_messages)' });
  }
  // mosquitto's $SYS tree: $SYS/broker/… (without its version topic, which would have named it).
  if (!b.identity?.['$SYS/broker/version'] && (b.topics ?? []).some((t) => t.startsWith('$SYS/broker/'))) {
    out.push({ product: 'mosquitto', strong: false, evidence: '$SYS topics under $SYS/broker/, mosquitto\'s $SYS tree' });
  }

  // aedes speaks MQTT 3.1.1 only and answers an MQTT 5 CONNECT with the 3.1.1 return code 1 (lib/handlers/connect.js);
  // mosquitto before 1.6 does the same, so this is only consistent with aedes. Seen in the lab (aedes 1.2).
  if (b.v5 === 1) out.push({ product: 'aedes', strong: false, evidence: 'refuses MQTT 5 with the MQTT 3.1.1 return code 1: a 3.1.1-only broker, as aedes is' });
  if ((b.topics ?? []).some((t) => AEDES_SYS.test(t)) || Object.keys(b.identity ?? {}).some((t) => AEDES_SYS.test(t))) {
    out.push({ product: 'aedes', strong: true, evidence: '$SYS topics under $SYS/<uuid>/: aedes publishes its events under its broker id, a UUID' });
  }

  // RabbitMQ's MQTT plugin before 3.13 parses MQTT 3.1 and 3.1.1 only: an MQTT 5 CONNECT makes it close the connection
  // without a CONNACK (a frame it cannot parse). Seen in the lab (Debian's 3.10.8).
  if (b.v5 === 'closed' && isCode(b.v311)) {
    out.push({ product: 'rabbitmq', strong: true, evidence: 'closes the connection on an MQTT 5 CONNECT without a CONNACK while answering MQTT 3.1.1, as RabbitMQ\'s MQTT plugin before 3.13 does' });
  }
  // RabbitMQ 3.13 and later: every accepted MQTT 5 CONNACK says Maximum QoS 1, no shared subscriptions and a session
  // expiry interval (deps/rabbitmq_mqtt/src/rabbit_mqtt_processor.erl). From the source, not seen in the lab.
  if (p && p.maximumQoS === 1 && p.sharedSubscriptionAvailable === false && p.sessionExpiryInterval !== undefined) {
    out.push({ product: 'rabbitmq', strong: true, evidence: 'MQTT 5 CONNACK with maximum QoS 1, shared subscriptions unavailable and a session expiry interval, as RabbitMQ 3.13 and later send' });
  }
  // RabbitMQ grants QoS 1 at most: a QoS 2 subscription is granted QoS 1 (its MQTT plugin guide). Seen in the lab.
  // mosquitto with max_qos 1 (and other brokers) lower it too: only consistent.
  if (b.qos2Granted === 1) out.push({ product: 'rabbitmq', strong: false, evidence: 'grants QoS 1 to a QoS 2 subscription: RabbitMQ supports QoS 0 and 1 only' });
  // RabbitMQ refuses a CONNECT without credentials (anonymous access off) with 4, "bad user name or password"
  // (rabbit_mqtt_processor.erl: "no credentials provided"); mosquitto says 5. Only consistent.
  if (b.v311 === 4) out.push({ product: 'rabbitmq', strong: false, evidence: 'refuses a CONNECT without credentials with return code 4 (bad user name or password), as RabbitMQ does' });

  // EMQX adds Retain-Available, Maximum-Packet-Size, Topic-Alias-Maximum, Wildcard-Subscription-Available,
  // Subscription-Identifier-Available (always 1) and Shared-Subscription-Available to every accepted MQTT 5 CONNACK
  // (apps/emqx/src/emqx_channel.erl, enrich_connack_caps); other brokers leave out flags that are at their default.
  // From the source, not seen in the lab.
  if (p && p.subscriptionIdentifiersAvailable === true && p.wildcardSubscriptionAvailable !== undefined && p.sharedSubscriptionAvailable !== undefined && p.retainAvailable !== undefined && p.maximumPacketSize !== undefined) {
    out.push({ product: 'emqx', strong: true, evidence: 'MQTT 5 CONNACK that states retain, wildcard, subscription identifier and shared subscription availability and a maximum packet size, as EMQX sends on every accepted CONNECT' });
  }
  // EMQX's default ACL denies every client but 127.0.0.1 and the dashboard user subscriptions to exactly # and $SYS/#
  // (its acl.conf, documented in its ACL file guide). Any ACL can do the same: only consistent.
  if (b.suback?.length === 2 && b.suback.every((c) => c >= 128)) {
    out.push({ product: 'emqx', strong: false, evidence: 'refuses subscriptions to # and $SYS/# on a session it accepted, as EMQX\'s default ACL does' });
  }

  // HiveMQ's defaults: server receive maximum 10, topic alias maximum 5 per client, no maximum packet size (it is the
  // protocol's limit, so the CONNACK leaves it out) and no capability flags (HiveMQ CE ConnectHandler,
  // Mqtt5ConnackEncoder, MqttConfigurationDefaults; its configuration guide). From the source, not seen in the lab.
  if (p && p.receiveMaximum === 10 && p.topicAliasMaximum === 5 && keys.every((k) => HIVEMQ_KEYS.has(k))) {
    out.push({ product: 'hivemq', strong: true, evidence: 'MQTT 5 CONNACK with receive maximum 10 and topic alias maximum 5 and no maximum packet size: HiveMQ\'s defaults' });
  }
  return out;
}

/** The product behaviour points at, with its confidence and evidence; undefined when nothing points at one product. */
export function identifyByBehaviour(b: Behaviour): Product | undefined {
  const all = signals(b);
  const by = new Map<string, Signal[]>();
  for (const s of all) by.set(s.product, [...(by.get(s.product) ?? []), s]);
  const score = (list: Signal[]) => list.reduce((n, s) => n + (s.strong ? 2 : 1), 0);
  const strong = (list: Signal[]) => list.filter((s) => s.strong).length;
  const ranked = [...by].sort((a, c) => score(c[1]) - score(a[1]));
  if (ranked.length === 0) return undefined;
  const [name, list] = ranked[0];
  // A tie between two products says nothing.
  if (ranked[1] && score(ranked[1][1]) === score(list)) return undefined;
  const rivals = ranked.slice(1).filter(([, l]) => strong(l) > 0);
  const s = strong(list);
  const w = list.length - s;
  // A product is named on a behaviour specific to it, or (low) on at least two behaviours it shares with others.
  if (s === 0 && w < 2) return undefined;
  let confidence: NonNullable<Product['confidence']> = s >= 2 || (s === 1 && w >= 1) ? 'high' : s === 1 ? 'medium' : 'low';
  if (rivals.length) confidence = 'low';
  const evidence = [...list.filter((x) => x.strong), ...list.filter((x) => !x.strong)].map((x) => x.evidence);
  evidence.push(...rivals.flatMap(([, l]) => l.filter((x) => x.strong).map((x) => `but: ${x.evidence}`)));
  return { name, source: 'behaviour', confidence, evidence };
}

/** Who the broker is: what $SYS says (mosquitto's version, EMQX's sysdescr) checked against its behaviour, else its behaviour alone. */
export function identify(b: Behaviour): Product | undefined {
  const identity = b.identity ?? {};
  const named = identifyProduct(identity);
  const behaviour = identifyByBehaviour(b);
  // aedes' $SYS topics do not name it: their shape is behaviour (above).
  if (!named || named.name === 'aedes') return behaviour;
  const said = Object.entries(identity)
    .filter(([t]) => /^\$SYS\/(broker\/version|brokers\/[^/]+\/(version|sysdescr))$/.test(t))
    .map(([t, v]) => `${t}: ${v.slice(0, 80)}`);
  const product: Product = { name: named.name, ...(named.version ? { version: named.version } : {}), source: 'sys', confidence: 'high', evidence: said };
  if (!behaviour) return product;
  if (behaviour.name === named.name) return { ...product, evidence: [...said, ...(behaviour.evidence ?? [])] };
  // The broker names itself one thing and behaves like another (a proxy, a bridge, a changed default): say both.
  if (behaviour.confidence === 'low') return product;
  return { ...product, confidence: 'medium', evidence: [...said, ...(behaviour.evidence ?? []).map((e) => `but it behaves like ${behaviour.name}: ${e}`)] };
}
