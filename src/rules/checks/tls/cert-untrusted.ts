/** @fileoverview The served chain does not verify against the system store or --cafile (self-signed, unknown CA, expired CA). */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

/** Validity problems have rules of their own (tls.cert-expired, tls.cert-not-yet-valid): not reported twice. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** OpenSSL's verification codes in words (the code itself stays in the evidence). */
const WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends at a CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is unknown',
  CERT_SIGNATURE_FAILURE: 'a signature in its chain is wrong',
  CERT_CHAIN_TOO_LONG: 'its chain is too long',
  INVALID_CA: 'a certificate in its chain is not a CA',
};

function words(code: string | undefined): string {
  return code === undefined ? 'unknown reason' : WORDS[code] ?? code;
}

export const check: Check = {
  *target({ t, origin }) {
    if (!t.tls?.cert || t.tls.trusted || DATE_ERRORS.has(t.tls.trustError ?? '')) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, why: words(t.tls.trustError), subject: t.tls.cert.subject }, evidence: { ...hit.evidence, trustError: t.tls.trustError, subject: t.tls.cert.subject, issuer: t.tls.cert.issuer, selfSigned: t.tls.cert.selfSigned } };
  },
};
