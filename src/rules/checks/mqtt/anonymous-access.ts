/** @fileoverview A CONNECT without username and password was accepted (CONNACK 0). */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (!t.mqtt?.anonymous) return;
    const { hit, endpoint } = targetHit(t, origin);
    const versions = [t.mqtt.connack.v311 === 0 ? 'MQTT 3.1.1' : '', t.mqtt.connack.v5 === 0 ? 'MQTT 5' : ''].filter(Boolean).join(' and ');
    yield { ...hit, data: { endpoint, version: versions }, evidence: { ...hit.evidence, connack: t.mqtt.connack, ...(t.mqtt.brokerVersion ? { brokerVersion: t.mqtt.brokerVersion } : {}) } };
  },
};
