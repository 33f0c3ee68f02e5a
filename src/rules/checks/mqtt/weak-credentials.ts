/** @fileoverview A username and password from --credentials was accepted (the password is never reported). */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (!t.mqtt?.weakCredential) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, username: t.mqtt.weakCredential, attempts: t.mqtt.credentialAttempts }, evidence: { ...hit.evidence, username: t.mqtt.weakCredential, attempts: t.mqtt.credentialAttempts } };
  },
};
