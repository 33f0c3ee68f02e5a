/** @fileoverview Dynamic-security passwords hashed with few PBKDF2 iterations (OWASP: 210,000; mosquitto_ctrl 2.0: 101). */
import type { Check } from '../../context.js';

const MIN_ITERATIONS = 210000;
/** What mosquitto_ctrl and the plugin themselves use in 2.0; fewer means a hand edit. */
const MOSQUITTO_DEFAULT = 101;

export const check: Check = {
  *dynsec({ ds }, ctx) {
    for (const c of ds.parsed.clients) {
      if (!c.hasPassword || c.iterations === undefined || c.iterations >= MIN_ITERATIONS) continue;
      const at = ctx.fileLoc(ds.parsed.path, c.iterationsLine ?? c.line);
      yield { at, data: { client: c.username, iterations: c.iterations }, ...(c.iterations < MOSQUITTO_DEFAULT ? { variant: 'hand-edited' } : {}), key: `client ${c.username}` };
    }
  },
};
