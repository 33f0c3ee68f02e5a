/** @fileoverview One (host, port) → its facts: TCP, then TLS, then MQTT (3.1.1 and 5), credentials, listening, publish test. Never throws. */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { MqttClient } from 'mqtt';
import { urlHost } from '../common/ip.js';
import type { Mqtt5Limits, MqttFacts, TargetFacts, TlsFacts } from '../model/wire.js';
import type { ProbeTask } from '../targets/probe-task.js';
import { identify } from './identify.js';
import { closeClient, listen, mqttConnect as connectMqtt, publishTest, qos2Probe, type ConnectResult } from './mqtt.js';
import { tcpConnect } from './tcp.js';
import { enumerateCiphers } from './tls-ciphers.js';
import { wsUpgrade } from './websocket.js';
import type { Trace } from './trace.js';
import { CERT_REQUIRED_CODES, legacyHandshake, tlsHandshake, type TlsClientOptions } from './tls.js';

/** How to probe. */
export interface ProbeOptions {
  timeoutMs: number;
  listenMs: number;
  maxMessages: number;
  showPayloads: boolean;
  intrusive: boolean;
  username?: string;
  password?: string;
  credentials?: { username: string; password: string }[];
  credentialPauseMs: number;
  tls: TlsClientOptions;
  /** Waits for the next new-connection slot (--rate); absent: no pacing. */
  pace?: () => Promise<void>;
  /** --trace: where every MQTT packet is recorded. */
  trace?: Trace;
}

type Stream = { stream: Duplex; tls?: TlsFacts } | { error: string; state: TargetFacts['state']; certRequired?: boolean };

/** Sockets and clients opened for one target, all closed at the end whatever happened. */
class Scope {
  private readonly streams = new Set<Duplex>();
  add<T extends Duplex>(s: T): T {
    this.streams.add(s);
    return s;
  }
  closeAll(): void {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
  }
}

/** Probe one target (on a socket discovery already opened, if given); always resolves, within a bound derived from the timeouts. */
export async function runProbe(task: ProbeTask, opts: ProbeOptions, open?: Socket): Promise<TargetFacts> {
  const scope = new Scope();
  const base: TargetFacts = { host: task.host, port: task.port, transport: task.tls ? 'tls' : 'tcp', state: 'error', ...(task.ws !== undefined ? { websocket: task.ws } : {}), ...(task.name ? { name: task.name } : {}) };
  const credentialBudget = (opts.credentials?.length ?? 0) * (opts.credentialPauseMs + 2 * opts.timeoutMs);
  // Ten steps bounded by --timeout, one more for the QoS 2 SUBACK after listening.
  const bound = 11 * opts.timeoutMs + opts.listenMs + credentialBudget + 2000;
  let watchdog: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      probe(task, opts, scope, base, open),
      new Promise<TargetFacts>((resolve) => {
        watchdog = setTimeout(() => resolve({ ...base, state: 'error', reason: `the probe did not finish within ${bound} ms` }), bound);
      }),
    ]);
  } catch (e) {
    return { ...base, state: 'error', reason: `probe failed: ${(e as Error).message}` };
  } finally {
    clearTimeout(watchdog);
    scope.closeAll();
  }
}

async function probe(task: ProbeTask, opts: ProbeOptions, scope: Scope, base: TargetFacts, open?: Socket): Promise<TargetFacts> {
  const first = open ?? (await connect(task, opts, scope));
  if (!('write' in first)) return { ...base, state: first.state, reason: first.reason };
  if (task.tls) return tlsProbe(task, first, opts, scope, base, true);
  const r = await plainProbe(task, first, opts, scope, { ...base, state: 'open' });
  // A port that does not answer plaintext MQTT may speak TLS without being in --tls-ports (mosquitto resets a
  // plaintext CONNECT on a TLS listener): try it as TLS once, and keep that only when the handshake works.
  if (r.state !== 'not-mqtt' || task.ws !== undefined) return r;
  const again = await connect(task, opts, scope);
  if (!('write' in again)) return r;
  const t = await tlsProbe({ ...task, tls: true }, again, opts, scope, { ...base, transport: 'tls' }, false);
  return t.tls?.protocol ? { ...t, reason: t.reason ?? 'the port speaks TLS, although it is not in --tls-ports' } : r;
}

/** A new TCP connection (paced by --rate), or how the attempt ended. */
async function connect(task: ProbeTask, opts: ProbeOptions, scope: Scope): Promise<Socket | { state: TargetFacts['state']; reason: string }> {
  await opts.pace?.();
  const t = await tcpConnect(task.host, task.port, opts.timeoutMs);
  if (t.state !== 'open') return { state: t.state, reason: t.reason };
  return scope.add(t.socket);
}

/** MQTT in clear (or over a WebSocket) on an open connection. */
async function plainProbe(task: ProbeTask, socket: Socket, opts: ProbeOptions, scope: Scope, facts: TargetFacts): Promise<TargetFacts> {
  const plain = await overWs(task, socket, opts, scope);
  if ('error' in plain) return { ...facts, state: 'not-mqtt', reason: plain.error };
  return mqttFlow(plain.stream, () => openStream(task, opts, scope, false), opts, facts);
}

/**
 * TLS on an open connection, then MQTT over it (with --cert/--key when the broker wants a client certificate), then
 * what else the server accepts. With `plainFallback`, a port that does not speak TLS is probed as plaintext MQTT.
 */
async function tlsProbe(task: ProbeTask, socket: Socket, opts: ProbeOptions, scope: Scope, base: TargetFacts, plainFallback: boolean): Promise<TargetFacts> {
  const h = await tlsHandshake({ host: task.host, port: task.port, name: task.name, socket }, { ...opts.tls, cert: undefined, key: undefined, timeoutMs: opts.timeoutMs });
  if (!('socket' in h)) {
    if (h.certRequired && opts.tls.cert && opts.tls.key) {
      const s = await openStream(task, opts, scope, true);
      if ('error' in s) return { ...base, state: s.state, reason: s.error };
      const r = await mqttFlow(s.stream, () => openStream(task, opts, scope, true), opts, { ...base, state: 'open', tls: { ...s.tls!, clientCertRequired: true } });
      return withLegacy(r, task, opts);
    }
    if (h.certRequired) return withLegacy({ ...base, state: 'open', reason: `TLS handshake refused without a client certificate (${h.code})`, tls: { clientCertRequired: true } }, task, opts);
    if (h.notTls && plainFallback) {
      // A "TLS port" that speaks plaintext MQTT is itself a finding: probe it as such.
      const plain = await openStream(task, opts, scope, false, true);
      if (!('error' in plain)) {
        const r = await mqttFlow(plain.stream, () => openStream(task, opts, scope, false, true), opts, { ...base, transport: 'tcp', state: 'open' });
        if (r.state === 'open') return { ...r, reason: 'the port was probed as TLS but speaks plaintext MQTT' };
      }
      return { ...base, state: 'not-mqtt', reason: `no TLS (${h.error})` };
    }
    return { ...base, state: h.error.startsWith('no TLS handshake within') ? 'not-mqtt' : 'error', reason: `TLS handshake failed: ${h.error}` };
  }
  scope.add(h.socket);
  const tlsFacts: TlsFacts = { ...h.facts };
  const secure = await overWs(task, h.socket, opts, scope);
  if ('error' in secure) return withLegacy({ ...base, state: 'not-mqtt', reason: secure.error, tls: tlsFacts }, task, opts);
  let r = await mqttFlow(secure.stream, () => openStream(task, opts, scope, false), opts, { ...base, state: 'open', tls: tlsFacts });
  const certRequired = r.mqtt === undefined && typeof r.reason === 'string' && [...CERT_REQUIRED_CODES].some((c) => r.reason!.includes(c));
  if (certRequired) {
    tlsFacts.clientCertRequired = true;
    if (opts.tls.cert && opts.tls.key) {
      const s = await openStream(task, opts, scope, true);
      if (!('error' in s)) r = await mqttFlow(s.stream, () => openStream(task, opts, scope, true), opts, { ...base, state: 'open', tls: { ...tlsFacts, clientCertUsed: true } });
      else r = { ...base, state: 'open', tls: tlsFacts, reason: s.error };
    } else r = { ...base, state: 'open', tls: tlsFacts, reason: 'the broker requires a client certificate (give --cert and --key to go on)' };
  } else if (r.mqtt) tlsFacts.clientCertRequired = false;
  return withLegacy(r, task, opts);
}

async function withLegacy(r: TargetFacts, task: ProbeTask, opts: ProbeOptions): Promise<TargetFacts> {
  if (!r.tls) return r;
  // TLS 1.0 only where TLS 1.1 is accepted: a server that refuses 1.1 refuses 1.0 (mosquitto's tls_version is a
  // minimum), and every refused handshake is an error line in its log (docs/scan.md, "Quiet probes").
  const v11 = await legacyHandshake(task.host, task.port, task.name, 'TLSv1.1', opts.timeoutMs);
  const legacy = { TLSv1: v11 === true ? await legacyHandshake(task.host, task.port, task.name, 'TLSv1', opts.timeoutMs) : v11, 'TLSv1.1': v11 };
  // Without the client certificate a server that requires one refuses every handshake: its suites cannot be told.
  if (r.tls.clientCertRequired && !r.tls.clientCertUsed) return { ...r, tls: { ...r.tls, legacy, ciphers: undefined } };
  const ciphers = await enumerateCiphers({ host: task.host, port: task.port, name: task.name }, opts.timeoutMs, opts.pace);
  return { ...r, tls: { ...r.tls, legacy, ciphers } };
}

/** The connection itself, or a WebSocket over it when the target speaks MQTT over WebSockets. */
async function overWs(task: ProbeTask, socket: Socket, opts: ProbeOptions, scope: Scope): Promise<{ stream: Duplex } | { error: string }> {
  if (task.ws === undefined) return { stream: socket };
  const r = await wsUpgrade(socket, { host: task.host, port: task.port, name: task.name, tls: task.tls, path: task.ws }, opts.timeoutMs);
  if ('stream' in r) scope.add(r.stream);
  return r;
}

/** A new connection to the target, TLS when the target is (with --cert/--key when asked). */
async function openStream(task: ProbeTask, opts: ProbeOptions, scope: Scope, withCert: boolean, forcePlain = false): Promise<Stream> {
  await opts.pace?.();
  const t = await tcpConnect(task.host, task.port, opts.timeoutMs);
  if (t.state !== 'open') return { error: t.reason, state: t.state };
  scope.add(t.socket);
  if (!task.tls || forcePlain) {
    const s = await overWs(task, t.socket, opts, scope);
    return 'error' in s ? { error: s.error, state: 'not-mqtt' } : { stream: s.stream };
  }
  const h = await tlsHandshake({ host: task.host, port: task.port, name: task.name, socket: t.socket }, { ...opts.tls, cert: withCert ? opts.tls.cert : undefined, key: withCert ? opts.tls.key : undefined, timeoutMs: opts.timeoutMs });
  if (!('socket' in h)) return { error: `TLS handshake failed: ${h.error}`, state: 'error', certRequired: h.certRequired };
  scope.add(h.socket);
  const s = await overWs(task, h.socket, opts, scope);
  return 'error' in s ? { error: s.error, state: 'not-mqtt' } : { stream: s.stream, tls: h.facts };
}

const codeOf = (r: ConnectResult): number | string => r.code ?? r.outcome;

async function mqttFlow(stream: Duplex, more: () => Promise<Stream>, opts: ProbeOptions, facts: TargetFacts): Promise<TargetFacts> {
  const endpoint = `${urlHost(facts.host)}:${facts.port}`;
  // Every CONNECT below goes through here, so --trace sees every connection's packets.
  const mqttConnect = (s: Duplex, o: Parameters<typeof connectMqtt>[1]) => {
    const t = opts.trace;
    if (!t) return connectMqtt(s, o);
    const n = t.connection(endpoint);
    return connectMqtt(s, { ...o, trace: (dir, p) => t.packet(endpoint, n, dir, p as never) });
  };
  const r4 = await mqttConnect(stream, { protocolVersion: 4, timeoutMs: opts.timeoutMs });
  let speaks = r4.outcome === 'accepted' || r4.outcome === 'refused';
  let r5: ConnectResult | undefined;
  // MQTT 5: its CONNACK says more (reason codes, server limits); RabbitMQ closes on it, aedes refuses it with code 1 (docs/scan.md, "Order of work" step 4).
  const s5 = await more();
  if (!('error' in s5)) {
    r5 = await mqttConnect(s5.stream, { protocolVersion: 5, timeoutMs: opts.timeoutMs });
    if (r5.outcome === 'refused' || r5.outcome === 'accepted') speaks = true;
    if (r5.client) await closeClient(r5.client, s5.stream);
  }
  if (!speaks) {
    if (r4.client) await closeClient(r4.client, stream);
    const why = r4.streamError ?? r4.reason ?? r4.outcome;
    const plain = r4.reason?.startsWith('it answered with ');
    return { ...facts, state: plain || r4.outcome === 'timeout' || r4.outcome === 'not-mqtt' || r4.outcome === 'closed' ? 'not-mqtt' : 'error', reason: plain ? `not MQTT: ${r4.reason}` : `no MQTT answer: ${why}` };
  }
  const v5ok = r5?.outcome === 'accepted' || (r5?.outcome === 'refused' && r5.code !== 1 && r5.code !== 132);
  // With a client certificate presented, a CONNECT without username is not anonymous: the certificate is the identity.
  const viaCert = !!facts.tls?.clientCertUsed;
  const noUsername: 'anonymous' | 'certificate' = viaCert ? 'certificate' : 'anonymous';
  const mqtt: MqttFacts = {
    protocolVersion: v5ok ? 5 : 4,
    anonymous: !viaCert && (r4.outcome === 'accepted' || r5?.outcome === 'accepted'),
    anonymousResult: viaCert ? 'accepted with the client certificate' : describeConnack(r4, r5),
    connack: { v311: codeOf(r4), ...(r5 ? { v5: codeOf(r5) } : {}) },
    ...(r5?.properties && Object.keys(r5.properties).length ? { properties: r5.properties } : {}),
  };
  // The first accepted MQTT 5 CONNACK: its properties are the server's limits (docs/scan.md, "Who the broker is").
  let accepted5: Record<string, unknown> | undefined;
  const accept5 = (r: ConnectResult, session: Mqtt5Limits['session']) => {
    if (accepted5 || r.outcome !== 'accepted') return;
    accepted5 = r.properties ?? {};
    mqtt.limits = limitsOf(accepted5, session);
  };
  if (r5) accept5(r5, noUsername);
  let session: { client: MqttClient; stream: Duplex } | undefined;
  if (r4.client) {
    session = { client: r4.client, stream };
    mqtt.session = { identity: noUsername };
  } else if (r5?.outcome === 'accepted') {
    // Anonymous only in MQTT 5: open a 5 session to listen with.
    const s = await more();
    if (!('error' in s)) {
      const again = await mqttConnect(s.stream, { protocolVersion: 5, timeoutMs: opts.timeoutMs });
      if (again.client) {
        session = { client: again.client, stream: s.stream };
        mqtt.session = { identity: noUsername };
      }
    }
  }
  if (!session && opts.username !== undefined) {
    const s = await more();
    if (!('error' in s)) {
      const login = await mqttConnect(s.stream, { protocolVersion: v5ok ? 5 : 4, timeoutMs: opts.timeoutMs, username: opts.username, password: opts.password });
      if (v5ok) accept5(login, 'user');
      if (login.client) {
        session = { client: login.client, stream: s.stream };
        mqtt.session = { identity: 'user', username: opts.username };
      } else mqtt.loginRefused = codeOf(login);
    }
  }
  if (!mqtt.anonymous && !viaCert && opts.credentials?.length) {
    mqtt.credentialAttempts = 0;
    for (const c of opts.credentials) {
      if (mqtt.credentialAttempts > 0) await new Promise((r) => setTimeout(r, opts.credentialPauseMs));
      const s = await more();
      if ('error' in s) break;
      mqtt.credentialAttempts++;
      const guess = await mqttConnect(s.stream, { protocolVersion: 4, timeoutMs: opts.timeoutMs, username: c.username, password: c.password });
      if (guess.client) {
        mqtt.weakCredential = c.username;
        if (!session) {
          session = { client: guess.client, stream: s.stream };
          mqtt.session = { identity: 'user', username: c.username };
        } else await closeClient(guess.client, s.stream);
        break;
      }
    }
  }
  if (session) {
    mqtt.listen = await listen(session.client, { listenMs: opts.listenMs, maxMessages: opts.maxMessages, showPayloads: opts.showPayloads, timeoutMs: opts.timeoutMs });
    if (mqtt.listen.brokerVersion) mqtt.brokerVersion = mqtt.listen.brokerVersion;
    if (opts.intrusive) mqtt.publish = await publishTest(session.client, opts.timeoutMs);
    // Last, so that a broker that disliked it could cost nothing above: the QoS it grants a QoS 2 subscription.
    const granted = await qos2Probe(session.client, opts.timeoutMs);
    if (granted !== undefined) mqtt.qos2Granted = granted;
    await closeClient(session.client, session.stream);
  }
  const product = identify({
    v311: mqtt.connack.v311,
    v5: mqtt.connack.v5,
    accepted5,
    suback: mqtt.listen?.subackCodes,
    qos2Granted: mqtt.qos2Granted,
    topics: mqtt.listen?.topics.map((t) => t.topic),
    identity: mqtt.listen?.identity,
  });
  if (product) mqtt.product = product;
  return { ...facts, state: 'open', mqtt: mqtt };
}

/** MQTT 3.1.1 §3.2.2.3 return codes, and the MQTT 5 reason codes a refused anonymous CONNECT gets. */
const V311: Record<number, string> = { 0: 'accepted', 1: 'unacceptable protocol version', 2: 'identifier rejected', 3: 'server unavailable', 4: 'bad user name or password', 5: 'not authorised' };
const V5: Record<number, string> = { 0: 'accepted', 128: 'unspecified error', 132: 'unsupported protocol version', 133: 'client identifier not valid', 134: 'bad user name or password', 135: 'not authorised', 136: 'server unavailable', 137: 'server busy', 138: 'banned' };

function describeConnack(r4: ConnectResult, r5?: ConnectResult): string {
  if (r4.outcome === 'accepted') return 'accepted';
  if (r4.outcome === 'refused') return V311[r4.code ?? -1] ?? `refused with code ${r4.code}`;
  if (r5?.outcome === 'accepted') return 'accepted (MQTT 5 only)';
  if (r5?.outcome === 'refused') return V5[r5.code ?? -1] ?? `refused with reason ${r5.code}`;
  return r4.outcome;
}

/** The limits an accepted MQTT 5 CONNACK advertised (MQTT 5 §3.2.2.3), from its properties. */
function limitsOf(p: Record<string, unknown>, session: Mqtt5Limits['session']): Mqtt5Limits {
  const n = (k: string) => (typeof p[k] === 'number' ? { [k]: p[k] as number } : {});
  return { session, ...n('maximumPacketSize'), ...n('receiveMaximum'), ...n('topicAliasMaximum'), ...n('serverKeepAlive'), ...n('maximumQoS') };
}

export { identifyProduct } from './identify.js';
