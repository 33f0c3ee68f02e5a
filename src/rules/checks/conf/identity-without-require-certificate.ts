/** @fileoverview use_identity_as_username without require_certificate on a TLS listener: every client is refused (HARDENING.md §1.4). */
import type { Check } from '../../context.js';
import { isOn } from '../../../lint/subjects.js';
import { listenerName, listeners } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { l } of listeners(ctx)) {
    if (!l.tls || isOn(l.options.get('require_certificate'))) continue;
    const s = [l.options.get('use_identity_as_username'), l.options.get('use_subject_as_username')].find(isOn);
    if (s) yield { at: ctx.loc(s.d), data: { keyword: s.d.keyword, listener: listenerName(l) } };
  }
};
