/** @fileoverview Which TLS 1.2 and 1.3 cipher suites a server accepts, one pinned handshake each. What they mean is the rules' business (src/rules/policy/tls-profiles.ts). */
import { getCiphers } from 'node:tls';
import pLimit from 'p-limit';
import type { CipherFacts } from '../model/wire.js';
import { tlsHandshake } from './tls.js';

/** The TLS 1.3 suites this machine's OpenSSL offers: all three are tried. */
export const TLS13_CANDIDATES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

/** TLS 1.2 suites this machine's OpenSSL can offer (PSK and SRP suites need secrets we do not have). */
export function tls12Candidates(): string[] {
  return getCiphers().filter((c) => !/psk|srp|^tls_/.test(c)).map((c) => c.toUpperCase());
}

/** Try every suite in its own handshake (four at a time); the accepted ones, per version. */
export async function enumerateCiphers(target: { host: string; port: number; name?: string }, timeoutMs: number, pace?: () => Promise<void>): Promise<CipherFacts> {
  const jobs: { version: 'TLSv1.2' | 'TLSv1.3'; suite: string }[] = [...tls12Candidates().map((suite) => ({ version: 'TLSv1.2' as const, suite })), ...TLS13_CANDIDATES.map((suite) => ({ version: 'TLSv1.3' as const, suite }))];
  const out: CipherFacts = { 'TLSv1.2': [], 'TLSv1.3': [] };
  const limit = pLimit(4);
  await Promise.all(
    jobs.map((j) =>
      limit(async () => {
        await pace?.();
        const r = await tlsHandshake(target, { timeoutMs, minVersion: j.version as never, maxVersion: j.version as never, ciphers: j.version === 'TLSv1.2' ? `${j.suite}:@SECLEVEL=0` : j.suite });
        if ('socket' in r) {
          r.socket.destroy();
          out[j.version].push(j.suite);
        }
      }),
    ),
  );
  out['TLSv1.2'].sort();
  out['TLSv1.3'].sort();
  return out;
}
