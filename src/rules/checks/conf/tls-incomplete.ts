/** @fileoverview TLS options without certfile and keyfile both set: the listener is silently plaintext (docs/lint.md, "Listeners"). */
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

const TLS_OPTIONS = ['certfile', 'keyfile', 'cafile', 'capath', 'require_certificate', 'tls_version', 'ciphers', 'ciphers_tls1.3', 'crlfile', 'dhparamfile'];

export const check: Check = {
  *listener({ l }, ctx) {
    if (l.kind === 'local-only' || l.tls) return;
    const set = TLS_OPTIONS.map((k) => l.options.get(k)).filter((s) => s !== undefined);
    if (set.length === 0) return;
    const first = set.sort((a, b) => a.d.line - b.d.line || (a.d.path < b.d.path ? -1 : 1))[0];
    const missing = l.options.has('certfile') ? 'keyfile is' : l.options.has('keyfile') ? 'certfile is' : 'certfile and keyfile are';
    yield { at: ctx.loc(first.d), data: { listener: listenerName(l), missing, keyword: first.d.keyword } };
  },
};
