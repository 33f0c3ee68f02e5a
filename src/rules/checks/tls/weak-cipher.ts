/** @fileoverview The server accepts weak TLS 1.2 suites (CBC with a SHA-1 MAC, 3DES, RC4, NULL, export, MD5). */
import type { Check } from '../../context.js';
import { plural, shortList, targetHit } from '../../hits.js';
import { weakSuites } from '../../policy/tls-profiles.js';

export const check: Check = {
  *target({ t, origin }) {
    const suites = weakSuites(t.tls?.ciphers?.['TLSv1.2'] ?? []);
    if (suites.length === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, n: plural(suites.length, 'weak suite'), suites: shortList(suites) }, evidence: { ...hit.evidence, suites } };
  },
};
