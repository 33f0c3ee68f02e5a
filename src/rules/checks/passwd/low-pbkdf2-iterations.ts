/** @fileoverview `$7$` hashes with fewer PBKDF2 iterations than OWASP's 210,000 (mosquitto_passwd 2.0 uses 101). */
import type { Check } from '../../context.js';

/** OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA512. */
const MIN_ITERATIONS = 210000;

export const check: Check = {
  *'passwd-entry'({ e, pw }, ctx) {
    if (e.kind === 'sha512-pbkdf2' && e.iterations !== undefined && e.iterations < MIN_ITERATIONS) {
      yield { at: ctx.fileLoc(pw.parsed.path, e.line, e.userCol), data: { user: e.user, iterations: e.iterations, min: MIN_ITERATIONS }, key: `user ${e.user}` };
    }
  },
};
