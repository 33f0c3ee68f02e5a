/** @fileoverview Client certificates required but no crlfile: a stolen device certificate cannot be revoked. */
import type { Check } from '../../context.js';
import { isOn } from '../../../lint/subjects.js';
import { listenerName, listeners } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { l } of listeners(ctx)) {
    const s = l.options.get('require_certificate');
    if (!l.tls || !l.network || !isOn(s) || l.options.has('crlfile')) continue;
    yield { at: ctx.loc(s!.d), data: { listener: listenerName(l) } };
  }
};
