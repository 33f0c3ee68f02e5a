/** @fileoverview The TLS versions or suites a server accepts go beyond the chosen Mozilla profile (--tls-profile). */
import type { Check } from '../../context.js';
import { plural, shortList, targetHit } from '../../hits.js';
import { verdict } from '../../policy/tls-profiles.js';

export const check: Check = {
  *target({ t, origin }, ctx) {
    // Without the accepted suites (a client certificate was required and none given) there is nothing to judge.
    if (!t.tls?.ciphers) return;
    const v = verdict(ctx.tlsProfile, t.tls.ciphers, t.tls.legacy);
    if (v.compliant) return;
    const { hit, endpoint } = targetHit(t, origin);
    const what = [...v.protocolsOutside, ...v.ciphersOutside];
    yield { ...hit, data: { endpoint, profile: v.profile, count: what.length, what: `${plural(what.length, 'version or suite', 'versions or suites')} beyond it: ${shortList(what)}` }, key: v.profile, evidence: { ...hit.evidence, ...v } };
  },
};
