/** @fileoverview A password-file line that is not a hash: a clear password at rest, and removed by TLS-enabled brokers. */
import type { Check } from '../../context.js';

export const check: Check = {
  *'passwd-entry'({ e, pw }, ctx) {
    if (e.kind === 'plaintext') yield { at: ctx.fileLoc(pw.parsed.path, e.line, e.userCol), data: { user: e.user }, key: `user ${e.user}` };
  },
};
