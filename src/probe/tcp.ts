/** @fileoverview TCP connect with a bound: refused → closed, no answer → filtered, anything else → error. Never throws. */
import { Socket, connect } from 'node:net';

/** The outcome of a TCP connect. */
export type TcpResult = { state: 'open'; socket: Socket } | { state: 'closed' | 'filtered' | 'error'; reason: string };

const FILTERED = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT']);

/** Connect to host:port within timeoutMs. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<TcpResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ state: 'filtered', reason: `no answer to the TCP connect within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ state: 'open', socket });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      if (e.code === 'ECONNREFUSED') resolve({ state: 'closed', reason: 'connection refused' });
      else if (e.code && FILTERED.has(e.code)) resolve({ state: 'filtered', reason: e.code });
      else resolve({ state: 'error', reason: e.code ?? e.message });
    });
  });
}
