/** @fileoverview Password-file lines the broker skips or removes: that user cannot log in. */
import type { Check } from '../../context.js';

export const check: Check = {
  *'passwd-entry'({ e, pw }, ctx) {
    if (e.problem) yield { at: ctx.fileLoc(pw.parsed.path, e.line, e.userCol), data: { user: e.user === '' ? '(no name)' : e.user, problem: e.problem }, key: `user ${e.user} ${e.problem}` };
  },
};
