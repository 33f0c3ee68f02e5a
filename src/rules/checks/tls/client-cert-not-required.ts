/** @fileoverview The TLS handshake and an MQTT CONNECT went through without a client certificate. */
import type { Check } from '../../context.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    if (t.tls?.clientCertRequired !== false) continue;
    yield { ...hit, data: { endpoint } };
  }
};
