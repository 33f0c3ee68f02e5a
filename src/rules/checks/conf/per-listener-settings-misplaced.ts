/** @fileoverview `per_listener_settings true` after a security option: fatal "must be set before any other security settings". */
import type { Check } from '../../context.js';

export const check: Check = {
  *config({ unit }, ctx) {
    const d = unit.model.misplacedPerListener;
    if (d) yield { at: ctx.loc(d) };
  },
};
