/** @fileoverview tls_version / bridge_tls_version allow TLS 1.1 (deprecated by RFC 8996). On the wire: TLS 1.0/1.1 accepted. */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *directive({ d }, ctx) {
    if ((d.keyword === 'tls_version' || d.keyword === 'bridge_tls_version') && d.tokens[0]?.text === 'tlsv1.1') {
      yield { at: ctx.loc(d), data: { keyword: d.keyword, version: 'TLS 1.1' } };
    }
  },
  *target({ t, origin, declared }) {
    // scan --config: the configuration's tls_version line already says so, at that line.
    if (declared?.options.get('tls_version')?.d.tokens[0]?.text === 'tlsv1.1') return;
    const accepted = (['TLSv1', 'TLSv1.1'] as const).filter((v) => t.tls?.legacy?.[v] === true);
    if (accepted.length === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { keyword: endpoint, version: accepted.map((v) => (v === 'TLSv1' ? 'TLS 1.0' : v.replace('TLSv', 'TLS '))).join(' and ') }, evidence: { ...hit.evidence, legacy: t.tls!.legacy } };
  },
};
