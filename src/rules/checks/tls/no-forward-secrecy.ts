/** @fileoverview The server accepts TLS 1.2 suites whose key exchange is not (EC)DHE: recorded traffic can be decrypted later with the key. */
import type { Check } from '../../context.js';
import { plural, shortList, targetHit } from '../../hits.js';
import { noForwardSecrecy } from '../../policy/tls-profiles.js';

export const check: Check = {
  *target({ t, origin }) {
    const suites = noForwardSecrecy(t.tls?.ciphers?.['TLSv1.2'] ?? []);
    if (suites.length === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, n: plural(suites.length, 'suite'), suites: shortList(suites) }, evidence: { ...hit.evidence, suites } };
  },
};
