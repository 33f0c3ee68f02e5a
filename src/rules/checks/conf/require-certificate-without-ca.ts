/** @fileoverview require_certificate with neither cafile nor capath: no client certificate can verify. */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *listener({ l }, ctx) {
    const s = l.options.get('require_certificate');
    // Behind a PROXY-protocol v2 proxy the proxy verifies client certificates (2.1 refuses certfile/cafile there).
    if (!l.tls || l.tlsAtProxy || !isOn(s) || l.options.has('cafile') || l.options.has('capath')) return;
    yield { at: ctx.loc(s!.d), data: { listener: listenerName(l) } };
  },
};
