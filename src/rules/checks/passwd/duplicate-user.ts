/** @fileoverview The same username twice in a password file: which password counts is not what the reader expects. */
import type { Check } from '../../context.js';

export const check: Check = {
  *passwd({ pw }, ctx) {
    const first = new Map<string, number>();
    for (const e of pw.parsed.entries) {
      if (e.kind === 'malformed') continue;
      const prev = first.get(e.user);
      if (prev === undefined) first.set(e.user, e.line);
      else yield { at: ctx.fileLoc(pw.parsed.path, e.line, e.userCol), data: { user: e.user, first: prev }, key: `user ${e.user} again` };
    }
  },
};
