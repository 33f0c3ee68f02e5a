/** @fileoverview tls_version / bridge_tls_version allow TLS 1.1 (deprecated by RFC 8996). On the wire: TLS 1.0/1.1 accepted. */
import type { Check } from '../../context.js';

export const check: Check = function* (ctx) {
  for (const unit of ctx.lint?.configs ?? []) {
    for (const d of unit.directives) {
      if ((d.keyword === 'tls_version' || d.keyword === 'bridge_tls_version') && d.tokens[0]?.text === 'tlsv1.1') {
        yield { at: ctx.loc(d), data: { keyword: d.keyword, version: 'TLS 1.1' } };
      }
    }
  }
};
