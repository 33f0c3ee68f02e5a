/** @fileoverview With --intrusive: a message published to a unique test topic was delivered back. */
import type { Check } from '../../context.js';
import { sessionName, targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    if (!t.mqtt?.publish?.delivered) continue;
    const who = sessionName(t);
    yield { ...hit, data: { endpoint, who, topic: t.mqtt.publish.topic }, key: 'publish', evidence: { ...hit.evidence, identity: who, topic: t.mqtt.publish.topic } };
  }
};
