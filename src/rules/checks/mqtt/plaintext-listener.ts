/** @fileoverview MQTT answers without TLS: credentials and messages travel in clear. */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (t.transport !== 'tcp' || !t.mqtt) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint, note: t.reason?.includes('probed as TLS') ? ' (a port expected to speak TLS)' : '' } };
  },
};
