/** @fileoverview The served chain does not verify against the system store or --cafile (self-signed, unknown CA, expired CA). */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

/** Validity problems have rules of their own (tls.cert-expired, tls.cert-not-yet-valid): not reported twice. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export const check: Check = {
  *target({ t, origin }) {
    if (!t.tls?.cert || t.tls.trusted || DATE_ERRORS.has(t.tls.trustError ?? '')) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, why: t.tls.trustError ?? 'unknown', subject: t.tls.cert.subject }, evidence: { ...hit.evidence, trustError: t.tls.trustError, subject: t.tls.cert.subject, issuer: t.tls.cert.issuer, selfSigned: t.tls.cert.selfSigned } };
  },
};
