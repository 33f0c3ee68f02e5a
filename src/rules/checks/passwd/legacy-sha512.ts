/** @fileoverview `$6$` entries: one round of salted SHA-512, fast to brute-force (OWASP Password Storage). */
import type { Check } from '../../context.js';

export const check: Check = {
  *'passwd-entry'({ e, pw }, ctx) {
    if (e.kind === 'sha512') yield { at: ctx.fileLoc(pw.parsed.path, e.line, e.userCol), data: { user: e.user }, key: `user ${e.user}` };
  },
};
