/** @fileoverview A string option set twice in one scope: fatal "Duplicate … value in configuration". */
import type { Check } from '../../context.js';

export const check: Check = {
  *config({ unit }, ctx) {
    for (const { first, second } of unit.model.duplicates) {
      const firstAt = ctx.loc(first);
      yield { at: ctx.loc(second), data: { keyword: second.keyword, first: `${firstAt.path}:${firstAt.line}` } };
    }
  },
};
