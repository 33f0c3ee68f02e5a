/** @fileoverview The certificate does not cover the name or address that was scanned (RFC 6125 / Node's checkServerIdentity). */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (!t.tls?.cert || t.tls.hostnameOk) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, name: t.tls.checkedName, covers: t.tls.cert.subjectAltName ?? t.tls.cert.subject }, evidence: { ...hit.evidence, checkedName: t.tls.checkedName, subjectAltName: t.tls.cert.subjectAltName, subject: t.tls.cert.subject } };
  },
};
