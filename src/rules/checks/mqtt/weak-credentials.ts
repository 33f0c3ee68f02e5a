/** @fileoverview A username and password from --credentials was accepted (the password is never reported). */
import type { Check } from '../../context.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    if (!t.mqtt?.weakCredential) continue;
    yield { ...hit, data: { endpoint, username: t.mqtt.weakCredential, attempts: t.mqtt.credentialAttempts }, evidence: { ...hit.evidence, username: t.mqtt.weakCredential, attempts: t.mqtt.credentialAttempts } };
  }
};
