/** @fileoverview A dynamic-security file the plugin cannot read: the broker runs without its clients and roles. */
import type { Check } from '../../context.js';

export const check: Check = {
  *dynsec({ ds }, ctx) {
    const e = ds.parsed.error;
    if (e) yield { at: ctx.fileLoc(ds.parsed.path, e.line), data: { problem: e.message } };
  },
};
