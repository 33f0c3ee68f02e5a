/** @fileoverview A certificate, CA or key file that is not usable PEM: the broker exits at start. */
import type { Check } from '../../context.js';

export const check: Check = {
  *pem({ pem }, ctx) {
    const problem = pem.error ?? (pem.keyFacts?.encrypted ? 'the key is passphrase-protected and mosquitto 2.0 cannot ask for the passphrase' : undefined);
    if (problem) yield { at: ctx.loc(pem.ref.d), data: { keyword: pem.ref.keyword, file: ctx.show(pem.path), problem } };
  },
};
