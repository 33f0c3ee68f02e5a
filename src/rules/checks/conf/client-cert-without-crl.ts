/** @fileoverview Client certificates required but no crlfile: a stolen device certificate cannot be revoked. */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *listener({ l }, ctx) {
    const s = l.options.get('require_certificate');
    if (!l.tls || l.tlsAtProxy || !l.network || !isOn(s) || l.options.has('crlfile')) return;
    yield { at: ctx.loc(s!.d), data: { listener: listenerName(l) } };
  },
};
