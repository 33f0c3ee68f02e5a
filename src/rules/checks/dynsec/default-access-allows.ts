/** @fileoverview defaultACLAccess that lets clients without roles publish or subscribe (docs/lint.md, "Dynamic security"). */
import type { Check } from '../../context.js';

const WHAT = { publishClientSend: 'publish to any ordinary topic', subscribe: 'subscribe to any topic' } as const;

export const check: Check = {
  *dynsec({ ds }, ctx) {
    if (ds.parsed.error) return;
    for (const key of ['publishClientSend', 'subscribe'] as const) {
      const d = ds.parsed.defaultAccess[key];
      if (d.allow) yield { at: ctx.fileLoc(ds.parsed.path, d.line), data: { key, what: WHAT[key] }, key: `defaultACLAccess ${key}` };
    }
  },
};
