/** @fileoverview A bridge option before any `connection`: fatal "Invalid bridge configuration". */
import type { Check } from '../../context.js';

export const check: Check = function* (ctx) {
  for (const unit of ctx.lint?.configs ?? []) for (const d of unit.model.bridgeOutside) yield { at: ctx.loc(d), data: { keyword: d.keyword } };
};
