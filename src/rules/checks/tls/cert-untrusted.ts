/** @fileoverview The served chain does not verify against the system store or --cafile (self-signed, unknown CA, expired CA). */
import type { Check } from '../../context.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    if (!t.tls?.cert || t.tls.trusted) continue;
    yield { ...hit, data: { endpoint, why: t.tls.trustError ?? 'unknown', subject: t.tls.cert.subject }, evidence: { ...hit.evidence, trustError: t.tls.trustError, subject: t.tls.cert.subject, issuer: t.tls.cert.issuer, selfSigned: t.tls.cert.selfSigned } };
  }
};
