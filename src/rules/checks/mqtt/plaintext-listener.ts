/** @fileoverview MQTT answers without TLS: credentials and messages travel in clear. */
import type { Check } from '../../context.js';
import { targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    if (t.transport !== 'tcp' || !t.mqtt) continue;
    yield { ...hit, data: { endpoint, note: t.reason?.includes('probed as TLS') ? ' (a port expected to speak TLS)' : '' } };
  }
};
