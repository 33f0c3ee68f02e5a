/** @fileoverview MQTT over WebSockets: upgrade an open TCP or TLS connection with the `ws` package (subprotocol "mqtt"). */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { createWebSocketStream } from 'ws';
import { urlHost } from '../common/ip.js';
import { MAX_BYTES_PER_CONNECTION } from './mqtt.js';

/** Upgrade an open connection to a WebSocket at path; resolves a Duplex of MQTT bytes, or why it could not. */
export function wsUpgrade(socket: Socket, target: { host: string; port: number; name?: string; tls: boolean; path: string }, timeoutMs: number): Promise<{ stream: Duplex } | { error: string }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { stream: Duplex } | { error: string }) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    const host = target.name ?? urlHost(target.host);
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${target.tls ? 'wss' : 'ws'}://${host}:${target.port}${target.path}`, ['mqtt'], {
        // NOTE: the connection is ours (discovery opened it, TLS facts were read on it): ws only speaks HTTP on it.
        createConnection: () => socket,
        handshakeTimeout: timeoutMs,
        perMessageDeflate: false,
        maxPayload: MAX_BYTES_PER_CONNECTION,
        followRedirects: false,
      });
    } catch (e) {
      finish({ error: `no WebSocket: ${(e as Error).message}` });
      return;
    }
    ws.once('open', () => finish({ stream: createWebSocketStream(ws) }));
    ws.once('unexpected-response', (_req, res) => {
      finish({ error: `the WebSocket upgrade was refused (HTTP ${res.statusCode})` });
      socket.destroy();
    });
    ws.once('error', (e: NodeJS.ErrnoException) => finish({ error: `no WebSocket: ${e.code ?? e.message}` }));
    ws.once('close', () => finish({ error: 'the connection closed during the WebSocket upgrade' }));
  });
}
