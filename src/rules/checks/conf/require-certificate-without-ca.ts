/** @fileoverview require_certificate with neither cafile nor capath: no client certificate can verify. */
import type { Check } from '../../context.js';
import { isOn } from '../../../lint/subjects.js';
import { listenerName, listeners } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { l } of listeners(ctx)) {
    const s = l.options.get('require_certificate');
    if (!l.tls || !isOn(s) || l.options.has('cafile') || l.options.has('capath')) continue;
    yield { at: ctx.loc(s!.d), data: { listener: listenerName(l) } };
  }
};
