/** @fileoverview The server accepts weak TLS 1.2 suites (CBC with a SHA-1 MAC, 3DES, RC4, NULL, export, MD5). */
import type { Check } from '../../context.js';
import { weakSuites } from '../../../probe/tls-profile.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    const suites = weakSuites(t.tls?.ciphers?.['TLSv1.2'] ?? []);
    if (suites.length) yield { ...hit, data: { endpoint, suites: suites.join(', ') }, evidence: { ...hit.evidence, suites } };
  }
};
