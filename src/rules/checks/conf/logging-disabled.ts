/** @fileoverview Logging turned off, or errors and warnings left out of log_type. */
import type { Check } from '../../context.js';

export const check: Check = {
  *config({ unit }, ctx) {
    const dests = unit.model.globalLists.get('log_dest') ?? [];
    for (const s of dests) if (s.d.tokens[0]?.text === 'none') yield { at: ctx.loc(s.d), data: { why: 'log_dest none sends the log nowhere' } };
    const types = unit.model.globalLists.get('log_type') ?? [];
    if (types.length === 0) return;
    const names = new Set(types.map((s) => s.d.tokens[0]?.text));
    const none = types.find((s) => s.d.tokens[0]?.text === 'none');
    if (none) {
      yield { at: ctx.loc(none.d), data: { why: 'log_type none logs nothing' } };
      return;
    }
    if (names.has('all')) return;
    const missing = ['error', 'warning'].filter((t) => !names.has(t));
    if (missing.length) yield { at: ctx.loc(types[0].d), data: { why: `log_type leaves out ${missing.join(' and ')}` } };
  },
};
