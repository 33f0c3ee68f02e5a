/** @fileoverview No listener configured: mosquitto listens on loopback only and forces anonymous access on. */
import type { Check } from '../../context.js';
import { firstLine } from '../../../lint/subjects.js';

export const check: Check = function* (ctx) {
  for (const unit of ctx.lint?.configs ?? []) {
    if (!unit.model.localOnly) continue;
    const refused = unit.model.globalSecurity.options.get('allow_anonymous');
    yield { at: firstLine(unit, ctx.loc), data: { note: refused ? ' (allow_anonymous is overridden)' : '' }, key: 'local-only' };
  }
};
