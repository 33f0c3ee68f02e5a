/** @fileoverview Deprecated keywords: they still work in 2.0 but are on their way out (mosquitto.conf(5)). */
import type { Check } from '../../context.js';
import { lookupKeyword } from '../../../common/keywords.js';

export const check: Check = {
  *directive({ d }, ctx) {
    const def = lookupKeyword(d.keyword);
    if (def?.deprecatedFor) yield { at: ctx.loc(d), data: { keyword: d.keyword, replacement: def.deprecatedFor } };
  },
};
