/** @fileoverview TLS policy: Mozilla's server-side TLS profiles, weak suites, forward secrecy, and the verdict of what a server accepts against a profile. */
import type { CipherFacts } from '../../model/wire.js';

/** The TLS 1.3 suites: all three are in every Mozilla profile. */
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

/** The verdict against a profile. */
export interface ProfileVerdict {
  profile: ProfileName;
  compliant: boolean;
  protocolsOutside: string[];
  ciphersOutside: string[];
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
