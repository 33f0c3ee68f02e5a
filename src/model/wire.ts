/** @fileoverview What the wire showed: a target's state, its MQTT and TLS facts, the certificates it served. Types only. */
import type { CertFacts } from './config.js';

/** The kinds of sensitive data recognised in payloads. */
export type SensitiveKind = 'credentials' | 'private-key' | 'email' | 'gps-position' | 'wifi-password';

/** Where a target was named: a line of --targets-file (SARIF anchors network findings there). */
export interface Origin {
  path: string;
  line: number;
}

/** What arrived while subscribed to `#` and `$SYS/#`. */
export interface ListenFacts {
  messages: number;
  sysMessages: number;
  retained: number;
  bytes: number;
  /** Distinct topics (capped), with counts and sizes; payload samples only with --show-payloads. */
  topics: { topic: string; count: number; bytes: number; retained: boolean; sample?: string; sensitive?: SensitiveKind[] }[];
  topicsTruncated: boolean;
  brokerVersion?: string;
  /** $SYS topics that say what the broker is (mosquitto, EMQX, aedes), topic → payload (200 bytes at most). */
  identity?: Record<string, string>;
  stoppedBy: 'window' | 'max-messages' | 'closed';
  /** The SUBACK return codes of the subscriptions to `#` and `$SYS/#`. */
  subackCodes?: number[];
}

/** What the MQTT probe learnt (JSON `targets[].mqtt`). */
export interface MqttFacts {
  /** The highest protocol version the broker accepted a CONNECT in (4 = 3.1.1, 5). */
  protocolVersion: number;
  anonymous: boolean;
  /** What the broker said to a CONNECT without credentials, in words. */
  anonymousResult: string;
  /** CONNACK codes of the anonymous CONNECTs: 3.1.1 return code and MQTT 5 reason code. */
  connack: { v311?: number | string; v5?: number | string };
  /** MQTT 5 CONNACK properties (server limits and capabilities) of the anonymous MQTT 5 CONNECT, accepted or refused. */
  properties?: Record<string, unknown>;
  /** The limits the first accepted MQTT 5 CONNACK advertised; absent when no MQTT 5 CONNECT was accepted (docs/scan.md, "Who the broker is"). */
  limits?: Mqtt5Limits;
  brokerVersion?: string;
  /** Who the broker is: named by its $SYS topics, or recognised by its behaviour; undefined when neither tells. */
  product?: Product;
  /**
   * The SUBACK code of a QoS 2 subscription to `mqtt-audit/probe/<random>` (a topic nobody publishes on), sent after
   * listening: 2, the QoS the broker lowered it to (RabbitMQ grants 1), or a failure code (128 and up).
   */
  qos2Granted?: number;
  /** Who the listening session was: anonymous, a --username, or a guessed user. */
  session?: { identity: 'anonymous' | 'user' | 'certificate'; username?: string };
  /** --username/--password refused: the CONNACK code. */
  loginRefused?: number | string;
  /** A username from --credentials that was accepted (never the password). */
  weakCredential?: string;
  credentialAttempts?: number;
  listen?: ListenFacts;
  publish?: { topic: string; delivered: boolean };
}

/**
 * What an accepted MQTT 5 CONNACK advertised (MQTT 5 §3.2.2.3). An absent limit was not advertised, so the protocol's
 * default holds: maximumPacketSize — none but the protocol's 268,435,455-byte remaining length (256 MB);
 * receiveMaximum — 65,535; topicAliasMaximum — 0, no aliases; serverKeepAlive — the client's keep alive (60 s);
 * maximumQoS — 2.
 */
export interface Mqtt5Limits {
  /** Which CONNECT was accepted: the anonymous one (without a user name), --username, or the client certificate. */
  session: 'anonymous' | 'user' | 'certificate';
  maximumPacketSize?: number;
  receiveMaximum?: number;
  topicAliasMaximum?: number;
  serverKeepAlive?: number;
  maximumQoS?: number;
}

/** The broker product: from $SYS (`sys`, the broker names itself) or from what it does (`behaviour`). */
export interface Product {
  name: string;
  /** Only from $SYS: behaviour tells no version. */
  version?: string;
  /** Absent in results written before the field existed: read as `sys`. */
  source?: 'sys' | 'behaviour';
  confidence?: 'high' | 'medium' | 'low';
  /** What was seen, in words, each naming the product it points at. */
  evidence?: string[];
}

/** A served certificate with the days it has left when it was seen. */
export type WireCert = CertFacts & { daysLeft: number };

/** The TLS 1.2 and 1.3 cipher suites a server accepted. */
export interface CipherFacts {
  'TLSv1.2': string[];
  'TLSv1.3': string[];
}

/** What the TLS handshake showed; the handshake's own facts are absent when it did not complete (a client certificate was wanted). */
export interface TlsFacts {
  protocol?: string;
  cipher?: string;
  cert?: WireCert;
  chain?: WireCert[];
  trusted?: boolean;
  trustError?: string;
  /** The name or address the certificate was checked against. */
  checkedName?: string;
  hostnameOk?: boolean;
  hostnameError?: string;
  /** true: the server refused us for want of a client certificate; false: it let us in without one. */
  clientCertRequired?: boolean;
  /** Whether a handshake pinned to each legacy version succeeded; null when this machine's OpenSSL cannot try. */
  legacy?: Record<'TLSv1' | 'TLSv1.1', boolean | null>;
  /** True when --cert/--key were presented. */
  clientCertUsed?: boolean;
  /** The cipher suites accepted, per version. */
  ciphers?: CipherFacts;
}

/** The facts of one probed (host, port): the JSON contract's target with typed MQTT and TLS facts. */
export interface TargetFacts {
  host: string;
  port: number;
  transport: 'tcp' | 'tls';
  state: 'open' | 'closed' | 'filtered' | 'not-mqtt' | 'error';
  reason?: string;
  /** The host name the user gave, when the target was named by name. */
  name?: string;
  /** MQTT over WebSockets, at this path. */
  websocket?: string;
  mqtt?: MqttFacts;
  tls?: TlsFacts;
}

/** What a scan hands the audit: the targets, where each was named, and which hosts the user named alone. */
export interface ScanFacts {
  targets: TargetFacts[];
  /** The --targets-file line that named a target, if any. */
  origins: Map<TargetFacts, Origin>;
  /** Hosts named alone (not as part of a range): the configuration given with --config describes these. */
  namedHosts: Set<string>;
}
