/** @fileoverview A dynamic-security client without a password: the plugin refuses all its logins. */
import type { Check } from '../../context.js';

export const check: Check = {
  *dynsec({ ds }, ctx) {
    for (const c of ds.parsed.clients) if (!c.hasPassword) yield { at: ctx.fileLoc(ds.parsed.path, c.line), data: { client: c.username }, key: `client ${c.username}` };
  },
};
