/** @fileoverview With --intrusive: a message published to a unique test topic was delivered back. */
import type { Check } from '../../context.js';
import { sessionName, targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (!t.mqtt?.publish?.delivered) return;
    const { hit, endpoint } = targetHit(t, origin);
    const who = sessionName(t);
    yield { ...hit, data: { endpoint, who, topic: t.mqtt.publish.topic }, key: 'publish', evidence: { ...hit.evidence, identity: who, topic: t.mqtt.publish.topic } };
  },
};
