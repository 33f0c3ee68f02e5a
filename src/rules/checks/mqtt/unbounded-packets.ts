/**
 * @fileoverview An accepted MQTT 5 CONNACK advertises no Maximum Packet Size (MQTT 5 §3.2.2.3.6): the broker takes
 * packets up to the protocol's 256 MB. Only judged when an MQTT 5 CONNECT was accepted (src/rules/applicability.ts).
 */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    const limits = t.mqtt?.limits;
    if (!limits || limits.maximumPacketSize !== undefined) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint }, evidence: { ...hit.evidence, limits } };
  },
};
