/** @fileoverview Which TLS versions and cipher suites a server accepts, one pinned handshake each, and a verdict against Mozilla's server-side TLS profiles. */
import { getCiphers } from 'node:tls';
import pLimit from 'p-limit';
import { tlsHandshake } from './tls.js';

/** The TLS 1.3 suites: all three are in every Mozilla profile, and all three are tried. */
export const TLS13_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

/** Mozilla's intermediate TLS 1.2 suites; the old profile allows them and more. */
const INTERMEDIATE_TLS12 = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'DHE-RSA-AES128-GCM-SHA256', 'DHE-RSA-AES256-GCM-SHA384', 'DHE-RSA-CHACHA20-POLY1305'] as const;

/** Mozilla's server-side TLS recommendations (version 5.7): the protocols and suites each profile allows. */
export const PROFILES = {
  modern: { protocols: ['TLSv1.3'], tls12: [], tls13: TLS13_SUITES },
  intermediate: { protocols: ['TLSv1.2', 'TLSv1.3'], tls12: INTERMEDIATE_TLS12, tls13: TLS13_SUITES },
  old: {
    protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    tls12: [
      ...INTERMEDIATE_TLS12, 'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA',
      'ECDHE-ECDSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA384', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'DHE-RSA-AES128-SHA256', 'DHE-RSA-AES256-SHA256', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384',
      'AES128-SHA256', 'AES256-SHA256', 'AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA',
    ],
    tls13: TLS13_SUITES,
  },
} as const satisfies Record<string, { protocols: readonly string[]; tls12: readonly string[]; tls13: readonly string[] }>;

/** The profile names. */
export type ProfileName = keyof typeof PROFILES;

/** What the enumeration found. */
export interface CipherFacts {
  'TLSv1.2': string[];
  'TLSv1.3': string[];
}

/** The verdict against a profile. */
export interface ProfileVerdict {
  profile: ProfileName;
  compliant: boolean;
  protocolsOutside: string[];
  ciphersOutside: string[];
}

/** TLS 1.2 suites this machine's OpenSSL can offer (PSK and SRP suites need secrets we do not have). */
export function tls12Candidates(): string[] {
  return getCiphers().filter((c) => !/psk|srp|^tls_/.test(c)).map((c) => c.toUpperCase());
}

/** Try every suite in its own handshake (four at a time); the accepted ones, per version. */
export async function enumerateCiphers(target: { host: string; port: number; name?: string }, timeoutMs: number, pace?: () => Promise<void>): Promise<CipherFacts> {
  const jobs: { version: 'TLSv1.2' | 'TLSv1.3'; suite: string }[] = [...tls12Candidates().map((suite) => ({ version: 'TLSv1.2' as const, suite })), ...TLS13_SUITES.map((suite) => ({ version: 'TLSv1.3' as const, suite }))];
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

/** Compare what a server accepts with a profile. */
export function verdict(profile: ProfileName, ciphers: CipherFacts, legacy: Record<string, boolean | null> | undefined): ProfileVerdict {
  const p = PROFILES[profile];
  const accepted = [...(legacy?.TLSv1 ? ['TLSv1'] : []), ...(legacy?.['TLSv1.1'] ? ['TLSv1.1'] : []), ...(ciphers['TLSv1.2'].length ? ['TLSv1.2'] : []), ...(ciphers['TLSv1.3'].length ? ['TLSv1.3'] : [])];
  const protocolsOutside = accepted.filter((v) => !(p.protocols as readonly string[]).includes(v));
  const ciphersOutside = [...ciphers['TLSv1.2'].filter((c) => !(p.tls12 as readonly string[]).includes(c)), ...ciphers['TLSv1.3'].filter((c) => !(p.tls13 as readonly string[]).includes(c))];
  return { profile, compliant: protocolsOutside.length === 0 && ciphersOutside.length === 0, protocolsOutside, ciphersOutside };
}

/** TLS 1.2 suites without forward secrecy: the key exchange is not (EC)DHE. */
export const noForwardSecrecy = (suites: string[]) => suites.filter((c) => !/^(ECDHE|DHE|EDH)-/.test(c));

/** Weak TLS 1.2 suites: CBC with a SHA-1 MAC, 3DES, RC4, NULL, export, MD5 (the probe can offer only those this machine's OpenSSL has). */
export const weakSuites = (suites: string[]) => suites.filter((c) => /(^|-)(RC4|DES|3DES|NULL|EXP|EXPORT|MD5|DES-CBC3)(-|$)|-SHA$/.test(c));
