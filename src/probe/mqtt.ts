/** @fileoverview MQTT over an open stream with MQTT.js: CONNECT/CONNACK, SUBSCRIBE and listen, a publish test, DISCONNECT. Never throws. */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { MqttClient, type IClientOptions } from 'mqtt';
import type { ListenFacts } from '../model/wire.js';
import { classifyPayload } from './sensitive.js';

/** How a CONNECT ended. */
export interface ConnectResult {
  outcome: 'accepted' | 'refused' | 'not-mqtt' | 'closed' | 'timeout';
  /** CONNACK return code (3.1.1) or reason code (5). */
  code?: number;
  reason?: string;
  properties?: Record<string, unknown>;
  /** The connected client, when accepted; the caller must close it. */
  client?: MqttClient;
  /** An error of the underlying stream (e.g. a TLS alert that arrived after the handshake). */
  streamError?: string;
}

/** $SYS topics that name the broker product or version. */
const IDENTITY_TOPIC = /^\$SYS\/(?:broker\/version|brokers\/[^/]+\/(?:version|sysdescr))$|^\$SYS\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(?:heartbeat|uptime)$/;

/** A recognisable client id, so an operator can find the probe in the broker log (docs/scan.md, "Order of work" step 4). */
export function probeClientId(): string {
  return `mqtt-audit-${randomBytes(6).toString('hex')}`;
}

/** No probe reads more than this from one connection: a flood cannot exhaust memory. */
export const MAX_BYTES_PER_CONNECTION = 32 * 1024 * 1024;
const MAX_TOPICS = 200;
const MAX_TOPIC_LENGTH = 512;
const SAMPLE_BYTES = 256;

/** Send CONNECT on an open stream and wait for CONNACK. */
export function mqttConnect(
  stream: Duplex,
  opts: { protocolVersion: 4 | 5; timeoutMs: number; username?: string; password?: string; clientId?: string; trace?: (dir: 'sent' | 'received', packet: object) => void },
): Promise<ConnectResult> {
  return new Promise((resolve) => {
    let done = false;
    let streamError: string | undefined;
    let received = 0;
    let head = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      if (head.length < 48) head = Buffer.concat([head, d.subarray(0, 48 - head.length)]);
      received += d.length;
      if (received > MAX_BYTES_PER_CONNECTION) stream.destroy(new Error('too much data'));
    };
    stream.on('data', onData);
    stream.on('error', (e: NodeJS.ErrnoException) => (streamError ??= e.code ?? e.message));
    const options: IClientOptions = {
      protocolVersion: opts.protocolVersion,
      clientId: opts.clientId ?? probeClientId(),
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: opts.timeoutMs,
      keepalive: 60,
      resubscribe: false,
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
      ...(opts.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 0, requestProblemInformation: true } } : {}),
    };
    let client: MqttClient;
    const finish = (r: ConnectResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (r.outcome !== 'accepted') {
        client?.end(true);
        stream.destroy();
      }
      // What a non-MQTT service said instead, as printable text (an SSH banner, an HTTP status line, a TLS alert).
      const other = r.outcome !== 'accepted' && r.outcome !== 'refused' && head.length ? protocolOf(head) : undefined;
      if (other) {
        // A service we know by its first bytes: say so in plain words, not with the MQTT parser's complaint.
        resolve({ ...r, reason: `it answered with ${other}` });
        return;
      }
      const said = r.outcome !== 'accepted' && r.outcome !== 'refused' && head.length ? ` (it sent ${describeBytes(head)})` : '';
      resolve({ ...r, ...(said ? { reason: `${r.reason ?? r.outcome}${said}` } : {}), ...(streamError ? { streamError } : {}) });
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout', reason: `no CONNACK within ${opts.timeoutMs} ms` }), opts.timeoutMs);
    try {
      client = new MqttClient(() => stream as never, options);
    } catch (e) {
      finish({ outcome: 'not-mqtt', reason: (e as Error).message });
      return;
    }
    if (opts.trace) {
      const trace = opts.trace;
      // NOTE: MQTT.js writes the CONNECT inside its constructor, before a listener can be attached: record it from
      // the same options it was built from.
      trace('sent', { cmd: 'connect', protocolId: 'MQTT', protocolVersion: options.protocolVersion, clean: true, clientId: options.clientId, keepalive: options.keepalive, ...(options.username !== undefined ? { username: options.username } : {}), ...(options.password !== undefined ? { password: options.password } : {}), ...(options.properties ? { properties: options.properties } : {}) });
      client.on('packetsend', (p) => trace('sent', p));
      client.on('packetreceive', (p) => trace('received', p));
    }
    client.on('connect', (connack) => finish({ outcome: 'accepted', code: 0, client, properties: connack.properties as Record<string, unknown> | undefined }));
    client.on('error', (e: Error & { code?: unknown }) => {
      if (typeof e.code === 'number') finish({ outcome: 'refused', code: e.code, reason: e.message });
      else finish({ outcome: streamError ? 'closed' : 'not-mqtt', reason: e.message });
    });
    client.on('close', () => finish({ outcome: 'closed', reason: streamError ? `stream error ${streamError}` : 'the broker closed the connection without a CONNACK' }));
  });
}

/** Subscribe to `#` and `$SYS/#` and collect what arrives for listenMs or until maxMessages. */
export function listen(client: MqttClient, opts: { listenMs: number; maxMessages: number; showPayloads: boolean; timeoutMs: number }): Promise<ListenFacts> {
  return new Promise((resolve) => {
    const facts: ListenFacts = { messages: 0, sysMessages: 0, retained: 0, bytes: 0, topics: [], topicsTruncated: false, stoppedBy: 'window' };
    const byTopic = new Map<string, ListenFacts['topics'][number]>();
    let done = false;
    const finish = (why: ListenFacts['stoppedBy']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.removeListener('message', onMessage);
      facts.stoppedBy = why;
      facts.topics = [...byTopic.values()];
      resolve(facts);
    };
    const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
      facts.messages++;
      facts.bytes += payload.length;
      if (topic.startsWith('$')) facts.sysMessages++;
      if (packet.retain) facts.retained++;
      if (topic === '$SYS/broker/version' && facts.brokerVersion === undefined) facts.brokerVersion = payload.subarray(0, 200).toString('utf8');
      if (IDENTITY_TOPIC.test(topic) && Object.keys(facts.identity ?? {}).length < 8) (facts.identity ??= {})[topic] = payload.subarray(0, 200).toString('utf8');
      const t = topic.length > MAX_TOPIC_LENGTH ? `${topic.slice(0, MAX_TOPIC_LENGTH)}…` : topic;
      // Classified in memory as it arrives; only the kind is kept, never the value.
      const kinds = classifyPayload(payload);
      let entry = byTopic.get(t);
      if (entry) {
        entry.count++;
        entry.bytes += payload.length;
      } else if (byTopic.size < MAX_TOPICS) {
        entry = { topic: t, count: 1, bytes: payload.length, retained: !!packet.retain, ...(opts.showPayloads ? { sample: payload.subarray(0, SAMPLE_BYTES).toString('utf8') } : {}) };
        byTopic.set(t, entry);
      } else facts.topicsTruncated = true;
      if (entry && kinds.length) {
        entry.sensitive = [...new Set([...(entry.sensitive ?? []), ...kinds])];
        // NOTE: a sensitive payload is never shown, whatever --show-payloads says (issue 7).
        delete entry.sample;
      }
      if (facts.messages >= opts.maxMessages) finish('max-messages');
    };
    client.on('message', onMessage);
    client.once('close', () => finish('closed'));
    let timer = setTimeout(() => finish('window'), opts.listenMs + opts.timeoutMs);
    try {
      client.subscribe({ '#': { qos: 0 }, '$SYS/#': { qos: 0 } }, (err, granted, packet) => {
        // A refused filter (128 and up) makes MQTT.js report an error, with the SUBACK beside it: its codes are facts too.
        const codes = (packet as { granted?: number[] } | undefined)?.granted ?? (!err && granted ? granted.map((g) => g.qos) : undefined);
        if (codes) facts.subackCodes = [...codes];
        // The window starts at the SUBACK; retained messages arrive at once (docs/scan.md, "Order of work" step 6).
        clearTimeout(timer);
        if (!done) timer = setTimeout(() => finish('window'), opts.listenMs);
      });
    } catch {
      finish('closed');
    }
  });
}

/** --intrusive: publish to a unique topic and read it back; true when it was delivered. */
export function publishTest(client: MqttClient, timeoutMs: number): Promise<{ topic: string; delivered: boolean }> {
  const topic = `mqtt-audit/probe/${randomBytes(8).toString('hex')}`;
  return new Promise((resolve) => {
    let done = false;
    const finish = (delivered: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.removeListener('message', onMessage);
      resolve({ topic, delivered });
    };
    const onMessage = (t: string) => {
      if (t === topic) finish(true);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    client.on('message', onMessage);
    try {
      client.subscribe(topic, { qos: 1 }, (err) => {
        if (err) return finish(false);
        client.publish(topic, 'mqtt-audit publish test', { qos: 1, retain: false }, (e) => {
          if (e) finish(false);
        });
      });
    } catch {
      finish(false);
    }
  });
}

/**
 * Subscribe at QoS 2 to a unique topic nobody publishes on and return the SUBACK code: 2, the QoS the broker lowers it
 * to (RabbitMQ grants 1), a failure code, or undefined without a SUBACK within timeoutMs. Nothing arrives there.
 */
export function qos2Probe(client: MqttClient, timeoutMs: number): Promise<number | undefined> {
  const topic = `mqtt-audit/probe/${randomBytes(8).toString('hex')}`;
  return new Promise((resolve) => {
    const onClose = () => done(undefined);
    const timer = setTimeout(onClose, timeoutMs);
    const done = (code: number | undefined) => {
      clearTimeout(timer);
      client.removeListener('close', onClose);
      resolve(code);
    };
    client.once('close', onClose);
    try {
      client.subscribe(topic, { qos: 2 }, (err, granted, packet) => {
        const code = (packet as { granted?: number[] } | undefined)?.granted?.[0] ?? (!err ? granted?.[0]?.qos : undefined);
        done(code);
      });
    } catch {
      done(undefined);
    }
  });
}

/** Send DISCONNECT and close the stream; bounded. */
export function closeClient(client: MqttClient, stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      client.end(true);
      stream.destroy();
      resolve();
    }, 500);
    try {
      client.end(false, {}, () => {
        clearTimeout(t);
        stream.destroy();
        resolve();
      });
    } catch {
      clearTimeout(t);
      stream.destroy();
      resolve();
    }
  });
}

/** A short, safe description of the first bytes a peer sent. */
/** The protocol a peer's first bytes show (`SSH ("SSH-2.0-OpenSSH_9.2p1")`, `HTTP ("HTTP/1.1 400 Bad Request")`), or undefined. */
export function protocolOf(b: Buffer): string | undefined {
  if ((b[0] === 0x15 || b[0] === 0x16) && b[1] === 0x03) return 'TLS (the port wants a TLS handshake first)';
  const text = b.toString('latin1');
  const line = `"${text.split(/\r?\n/)[0].replace(/[^\x20-\x7e]+/g, ' ').trim().slice(0, 40)}"`;
  if (text.startsWith('SSH-')) return `SSH (${line})`;
  if (/^HTTP\/\d/.test(text)) return `HTTP (${line})`;
  if (/^\s*<(!doctype|html)/i.test(text)) return 'HTML (a web page)';
  if (text.startsWith('AMQP')) return 'AMQP (its protocol header)';
  if (/^220[ -]/.test(text)) return `an SMTP or FTP greeting (${line})`;
  if (text.startsWith('+OK')) return `a POP3 greeting (${line})`;
  if (text.startsWith('* OK')) return `an IMAP greeting (${line})`;
  if (text.startsWith('RFB ')) return `VNC (${line})`;
  if (/^-(ERR|NOAUTH)/.test(text)) return `Redis (${line})`;
  return undefined;
}

export function describeBytes(b: Buffer): string {
  if (b[0] === 0x15 && b[1] === 0x03) return 'a TLS alert: the port speaks TLS';
  if (b[0] === 0x16 && b[1] === 0x03) return 'a TLS handshake: the port speaks TLS';
  const text = b.toString('latin1').replace(/[^\x20-\x7e]+/g, ' ').trim();
  return text.length >= 4 ? `"${text.slice(0, 40)}"` : `${b.length} bytes 0x${b.subarray(0, 8).toString('hex')}`;
}
