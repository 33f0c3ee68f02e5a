/** @fileoverview The TLS versions or suites a server accepts go beyond the chosen Mozilla profile (--tls-profile). */
import type { Check } from '../../context.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    const v = t.tls?.profile;
    if (!v || v.compliant) continue;
    const what = [...v.protocolsOutside, ...v.ciphersOutside];
    yield { ...hit, data: { endpoint, profile: v.profile, count: what.length, what: what.slice(0, 8).join(', ') + (what.length > 8 ? ', …' : '') }, key: v.profile, evidence: { ...hit.evidence, ...v } };
  }
};
