/**
 * @fileoverview Which TLS 1.2 and 1.3 cipher suites a server accepts, in few handshakes: offer every candidate, drop
 * the one the server picks, offer the rest again, until it refuses (docs/scan.md, "Quiet probes"). One refusal per
 * protocol version is all the broker's log sees. What the suites mean is the rules' business (src/rules/policy/tls-profiles.ts).
 */
import { getCiphers } from 'node:tls';
import type { CipherFacts } from '../model/wire.js';
import { closeTls, tlsHandshake } from './tls.js';

/** The TLS 1.3 suites this machine's OpenSSL offers: all three are tried. */
export const TLS13_CANDIDATES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

/** TLS 1.2 suites this machine's OpenSSL can offer (PSK and SRP suites need secrets we do not have). */
export function tls12Candidates(): string[] {
  return getCiphers().filter((c) => !/psk|srp|^tls_/.test(c)).map((c) => c.toUpperCase());
}

/** The suites of one version the server accepts: each handshake offers what is left and removes what was picked. */
async function acceptedOf(target: { host: string; port: number; name?: string }, version: 'TLSv1.2' | 'TLSv1.3', candidates: readonly string[], timeoutMs: number, pace?: () => Promise<void>): Promise<string[]> {
  const left = [...candidates];
  const accepted: string[] = [];
  while (left.length > 0) {
    await pace?.();
    const r = await tlsHandshake(target, { timeoutMs, minVersion: version as never, maxVersion: version as never, ciphers: version === 'TLSv1.2' ? `${left.join(':')}:@SECLEVEL=0` : left.join(':') });
    if (!('socket' in r)) break; // nothing left that it accepts
    const picked = r.socket.getCipher()?.name?.toUpperCase();
    await closeTls(r.socket);
    const i = picked === undefined ? -1 : left.indexOf(picked);
    if (i < 0) break; // it picked something we did not offer: stop rather than loop
    accepted.push(left[i]);
    left.splice(i, 1);
  }
  return accepted.sort();
}

/** The accepted suites per version: N + 1 handshakes for N accepted suites (none after the last when all are accepted). */
export async function enumerateCiphers(target: { host: string; port: number; name?: string }, timeoutMs: number, pace?: () => Promise<void>): Promise<CipherFacts> {
  return {
    'TLSv1.2': await acceptedOf(target, 'TLSv1.2', tls12Candidates(), timeoutMs, pace),
    'TLSv1.3': await acceptedOf(target, 'TLSv1.3', TLS13_CANDIDATES, timeoutMs, pace),
  };
}
