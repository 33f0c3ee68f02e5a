/** @fileoverview Scripted liars for behaviour no real broker shows: broken CONNACKs, huge lengths, floods, trickles, resets, stalls. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { closingAll, listenServer } from './brokers.js';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/** What a fake broker does after a client connects. */
export type Behaviour =
  | 'reserved-connack' // CONNACK with return code 7 (reserved in 3.1.1)
  | 'garbage' // random bytes instead of a CONNACK
  | 'huge-length' // a CONNACK header claiming a 256 MB remaining length, then nothing
  | 'flood' // accepts, then 100,000 PUBLISH packets as fast as it can
  | 'hostile-topics' // accepts, then topics with terminal escapes, newlines and HTML
  | 'trickle' // a CONNACK one byte a second
  | 'reset-mid-packet'; // half a CONNACK, then a TCP reset

/** MQTT remaining-length encoding. */
function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 128;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

/** A QoS 0 PUBLISH packet. */
export function publishPacket(topic: string, payload: Buffer | string): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const p = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const body = Buffer.concat([Buffer.from([t.length >> 8, t.length & 255]), t, p]);
  return Buffer.concat([Buffer.from([0x30]), varint(body.length), body]);
}

/** Topics a hostile broker publishes. */
export const HOSTILE_WIRE_TOPICS = ['term/\x1b[2J\x1b[31mRED\x1b[0m', 'multi\nline\rtopic', 'html/<script>alert(1)</script>', 'bidi/\u202egnp.exe'];

/** Read MQTT packets from a socket, calling back with (type, packet id or -1). */
function onPackets(s: Socket, cb: (type: number, buf: Buffer) => void): void {
  let acc = Buffer.alloc(0);
  s.on('data', (d) => {
    acc = Buffer.concat([acc, d]);
    for (;;) {
      if (acc.length < 2) return;
      let len = 0;
      let mul = 1;
      let i = 1;
      for (; i < 5 && i < acc.length; i++) {
        len += (acc[i] & 127) * mul;
        mul *= 128;
        if (!(acc[i] & 128)) break;
      }
      if (i >= acc.length || acc.length < i + 1 + len) return;
      const pkt = acc.subarray(0, i + 1 + len);
      acc = acc.subarray(i + 1 + len);
      cb(pkt[0] >> 4, pkt);
    }
  });
}

/** Start a fake broker with one behaviour on host:port. */
export function startFake(host: string, port: number, behaviour: Behaviour): Promise<Server> {
  const server = createServer((s) => {
    onPackets(s, (type, pkt) => {
      if (type === 1) connect(s, behaviour);
      if (type === 8) {
        // SUBSCRIBE: grant, then misbehave.
        const pid = pkt.subarray(pkt[1] & 128 ? 3 : 2, (pkt[1] & 128 ? 3 : 2) + 2);
        s.write(Buffer.concat([Buffer.from([0x90, 4]), pid, Buffer.from([0, 0])]));
        if (behaviour === 'flood') flood(s);
        if (behaviour === 'hostile-topics') for (const t of HOSTILE_WIRE_TOPICS) s.write(publishPacket(t, '\x1b]0;owned\x07payload'));
      }
    });
  });
  return listenServer(closingAll(server), host, port);
}

function connect(s: Socket, b: Behaviour): void {
  switch (b) {
    case 'reserved-connack':
      s.write(Buffer.from([0x20, 0x02, 0x00, 0x07]));
      break;
    case 'garbage':
      s.write(Buffer.from('\xff\xfe\x00\x13garbage\x00\x00\x00', 'latin1'));
      break;
    case 'huge-length':
      s.write(Buffer.from([0x20, 0xff, 0xff, 0xff, 0x7f]));
      break;
    case 'trickle': {
      const bytes = [0x20, 0x02, 0x00, 0x00];
      let i = 0;
      const t = setInterval(() => {
        if (i >= bytes.length || s.destroyed) return clearInterval(t);
        s.write(Buffer.from([bytes[i++]]));
      }, 1000);
      s.on('close', () => clearInterval(t));
      break;
    }
    case 'reset-mid-packet':
      s.write(Buffer.from([0x20, 0x02]), () => setTimeout(() => s.resetAndDestroy(), 20));
      break;
    default:
      s.write(Buffer.from([0x20, 0x02, 0x00, 0x00]));
  }
}

/** Write 100,000 PUBLISH packets (each 4 KB) as fast as the socket drains, until it closes. */
function flood(s: Socket): void {
  const pkt = publishPacket('flood/topic', Buffer.alloc(4096, 0x41));
  let sent = 0;
  const pump = () => {
    while (sent < 100000 && !s.destroyed) {
      sent++;
      if (!s.write(pkt)) return void s.once('drain', pump);
    }
  };
  pump();
}

/** A TLS port that accepts TCP and never answers the ClientHello. */
export function startTlsStall(host: string, port: number): Promise<Server> {
  return listenServer(closingAll(createServer((s) => s.resume())), host, port);
}

/** A TLS broker whose certificate has 5,000 subjectAltNames and a subject that is not UTF-8 (latin-1 and an escape). */
export function startHugeCertBroker(host: string, port: number): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-hugecert-'));
  // The config is written as latin-1 bytes, so the CN holds a 0xE9 byte (not UTF-8) and an ESC: openssl keeps them.
  const cnf = `[req]\nprompt=no\nstring_mask=default\ndistinguished_name=dn\n[dn]\nCN=caf\xe9 \x1b[31mred\n[ext]\nsubjectAltName=${Array.from({ length: 5000 }, (_, i) => `DNS:h${i}.example`).join(',')}\n`;
  writeFileSync(join(dir, 'san.cnf'), Buffer.from(cnf, 'latin1'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-extensions', 'ext', '-config', 'san.cnf'], { cwd: dir, stdio: 'ignore' });
  const server = createTlsServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (s) => {
    onPackets(s as unknown as Socket, (type) => {
      if (type === 1) s.write(Buffer.from([0x20, 0x02, 0x00, 0x05])); // not authorised
    });
  });
  server.on('tlsClientError', () => undefined);
  return listenServer(closingAll(server as unknown as Server), host, port);
}
