/** @fileoverview The server accepts TLS 1.2 suites whose key exchange is not (EC)DHE: recorded traffic can be decrypted later with the key. */
import type { Check } from '../../context.js';
import { noForwardSecrecy } from '../../../probe/tls-profile.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    const suites = noForwardSecrecy(t.tls?.ciphers?.['TLSv1.2'] ?? []);
    if (suites.length) yield { ...hit, data: { endpoint, suites: suites.join(', ') }, evidence: { ...hit.evidence, suites } };
  }
};
