/** @fileoverview Deprecated keywords: the configured mosquitto version still reads them but they are on their way out (mosquitto.conf(5); 2.1's startup notices). */
import type { Check } from '../../context.js';
import { lookupKeyword } from '../../../common/keywords.js';

export const check: Check = {
  *directive({ d, unit }, ctx) {
    const def = lookupKeyword(d.keyword, unit.version.version);
    if (def?.deprecatedFor) yield { at: ctx.loc(d), data: { keyword: d.keyword, replacement: def.deprecatedFor } };
  },
};
