/**
 * @fileoverview Logging turned off, or errors and warnings left out of log_type. `none` resets what came before it and
 * later lines add again (mosquitto's src/conf.c: `none` assigns, other values OR in), so only the last `none` and the
 * lines after it count.
 */
import type { Check } from '../../context.js';
import type { Setting } from '../../../model/config.js';

/** The lines in force: from the last `none` on. */
function inForce(list: Setting[]): { none?: Setting; after: Setting[] } {
  let i = list.length - 1;
  while (i >= 0 && list[i].d.tokens[0]?.text !== 'none') i--;
  return i < 0 ? { after: list } : { none: list[i], after: list.slice(i + 1) };
}

export const check: Check = {
  *config({ unit }, ctx) {
    const dests = inForce(unit.model.globalLists.get('log_dest') ?? []);
    if (dests.none && dests.after.length === 0) yield { at: ctx.loc(dests.none.d), data: { why: 'log_dest none sends the log nowhere' } };
    const list = unit.model.globalLists.get('log_type') ?? [];
    if (list.length === 0) return;
    const types = inForce(list);
    if (types.none && types.after.length === 0) {
      yield { at: ctx.loc(types.none.d), data: { why: 'log_type none logs nothing' } };
      return;
    }
    const names = new Set(types.after.map((s) => s.d.tokens[0]?.text));
    if (names.has('all')) return;
    const missing = ['error', 'warning'].filter((t) => !names.has(t));
    const at = types.none ?? types.after[0];
    if (missing.length) yield { at: ctx.loc(at.d), data: { why: `log_type leaves out ${missing.join(' and ')}` } };
  },
};
