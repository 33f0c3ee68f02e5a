/** @fileoverview use_identity_as_username without require_certificate on a TLS listener: every client is refused (docs/lint.md, "Security settings"). */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *listener({ l }, ctx) {
    if (!l.tls || isOn(l.options.get('require_certificate'))) return;
    // A TLS-PSK listener (psk_hint, no certificate) takes the PSK identity as the username: no certificate is involved.
    if (l.options.has('psk_hint') && !l.options.has('certfile')) return;
    const s = [l.options.get('use_identity_as_username'), l.options.get('use_subject_as_username')].find(isOn);
    if (s) yield { at: ctx.loc(s.d), data: { keyword: s.d.keyword, listener: listenerName(l) } };
  },
};
