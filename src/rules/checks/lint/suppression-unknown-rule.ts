/** @fileoverview A suppression comment whose id (or prefix) matches no rule of the catalogue: it suppresses nothing. */
import { coversRule } from '../../../common/rule-ids.js';
import type { Check } from '../../context.js';
import { loadCatalog } from '../../load.js';

let builtin: ReadonlySet<string> | undefined;

export const check: Check = {
  *suppression({ s }, ctx) {
    const known = ctx.knownRuleIds ?? (builtin ??= new Set(loadCatalog().rules.map((r) => r.id)));
    for (const id of s.ids) {
      if ([...known].some((r) => coversRule(id, r))) continue;
      yield { at: ctx.fileLoc(s.path, s.commentLine), data: { verb: s.kind === 'file' ? 'ignore-file' : 'ignore', id }, key: `suppression ${id}` };
    }
  },
};
