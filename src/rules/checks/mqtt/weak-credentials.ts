/** @fileoverview A username and password from --credentials was accepted (the password is never reported). */
import type { Check } from '../../context.js';
import { plural, targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (!t.mqtt?.weakCredential) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, username: t.mqtt.weakCredential, attempts: plural(t.mqtt.credentialAttempts ?? 1, 'attempt') }, evidence: { ...hit.evidence, username: t.mqtt.weakCredential, attempts: t.mqtt.credentialAttempts } };
  },
};
