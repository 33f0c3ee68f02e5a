/** @fileoverview --trace FILE: every MQTT packet sent and received, one NDJSON line each, as proof of what a scan did. */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import mqttPacket from 'mqtt-packet';
import { InputError } from '../common/errors.js';
import { describeFsError } from '../common/read-text.js';
import { classifyPayload } from './sensitive.js';

/** One line of the trace. */
export interface TraceEvent {
  time: string;
  target: string;
  /** Which connection to the target (1, 2, …, in the order they were opened). */
  connection: number;
  dir: 'sent' | 'received';
  type: string;
  /** Bytes on the wire (fixed header included). */
  size: number;
  topic?: string;
  /** SUBSCRIBE filters. */
  filters?: string[];
  qos?: number;
  retain?: boolean;
  /** CONNECT: the protocol version and whether a user name and a password were sent (never their values). */
  protocolVersion?: number;
  username?: boolean;
  password?: boolean;
  /** CONNACK return or reason code. */
  code?: number;
  /** Only with --show-payloads: the first 256 bytes, as UTF-8 — unless they are sensitive. */
  payload?: string;
  /** The kinds of sensitive data a payload held instead of it. */
  sensitive?: string[];
}

type Packet = { cmd: string; topic?: string; qos?: number; retain?: boolean; payload?: Buffer | string; subscriptions?: { topic: string }[]; protocolVersion?: number; username?: string; password?: Buffer | string; returnCode?: number; reasonCode?: number; length?: number };

/** A trace being written: lines go to a temporary file, renamed into place at the end (whole or not at all). */
export class Trace {
  private readonly fd: number;
  private readonly tmp: string;
  private connections = new Map<string, number>();
  constructor(
    private readonly file: string,
    private readonly showPayloads: boolean,
  ) {
    this.tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'w', 0o600);
    } catch (e) {
      throw new InputError(file, `--trace: ${describeFsError(e)}`);
    }
  }

  /** A new connection to a target: its number. */
  connection(target: string): number {
    const n = (this.connections.get(target) ?? 0) + 1;
    this.connections.set(target, n);
    return n;
  }

  /** Record one packet. */
  packet(target: string, connection: number, dir: TraceEvent['dir'], p: Packet): void {
    let size = 0;
    try {
      size = mqttPacket.generate(p as never, { protocolVersion: p.protocolVersion ?? 4 }).length;
    } catch {
      size = (p.length ?? 0) + 2;
    }
    const e: TraceEvent = { time: new Date().toISOString(), target, connection, dir, type: p.cmd, size };
    if (p.topic !== undefined) e.topic = p.topic;
    if (p.subscriptions) e.filters = p.subscriptions.map((s) => s.topic);
    if (p.qos !== undefined && p.cmd === 'publish') e.qos = p.qos;
    if (p.retain !== undefined && p.cmd === 'publish') e.retain = p.retain;
    if (p.cmd === 'connect') {
      e.protocolVersion = p.protocolVersion;
      e.username = p.username !== undefined;
      e.password = p.password !== undefined;
    }
    if (p.cmd === 'connack') e.code = p.returnCode ?? p.reasonCode;
    if (this.showPayloads && p.cmd === 'publish' && p.payload !== undefined) {
      // NOTE: a sensitive payload is never written, whatever --show-payloads says: its kinds stand in for it.
      const payload = Buffer.from(p.payload);
      const kinds = classifyPayload(payload);
      if (kinds.length) e.sensitive = kinds;
      else e.payload = payload.subarray(0, 256).toString('utf8');
    }
    writeSync(this.fd, `${JSON.stringify(e)}\n`);
  }

  /** Finish: the trace appears under its name. */
  close(): void {
    closeSync(this.fd);
    try {
      renameSync(this.tmp, this.file);
    } catch (err) {
      rmSync(this.tmp, { force: true });
      throw new InputError(this.file, `--trace: ${describeFsError(err)}`);
    }
  }

  /** Give up: nothing appears. */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tmp, { force: true });
  }
}
