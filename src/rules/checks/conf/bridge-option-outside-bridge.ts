/** @fileoverview A bridge option before any `connection`: fatal "Invalid bridge configuration". */
import type { Check } from '../../context.js';

export const check: Check = {
  *config({ unit }, ctx) {
    for (const d of unit.model.bridgeOutside) yield { at: ctx.loc(d), data: { keyword: d.keyword } };
  },
};
