/** @fileoverview The TLS handshake and an MQTT CONNECT went through without a client certificate. */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    if (t.tls?.clientCertRequired !== false) return;
    const { hit, endpoint } = targetHit(t, origin);
    yield { ...hit, data: { endpoint } };
  },
};
