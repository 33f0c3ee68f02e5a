/** @fileoverview `$SYS/#` is readable: broker version, client counts and load for anyone who can connect. */
import type { Check } from '../../context.js';
import { sessionName, targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    const l = t.mqtt?.listen;
    if (!l || l.sysMessages === 0) continue;
    const who = sessionName(t);
    yield { ...hit, data: { endpoint, who, version: t.mqtt!.brokerVersion ? ` (${t.mqtt!.brokerVersion})` : '' }, evidence: { ...hit.evidence, identity: who, sysMessages: l.sysMessages, ...(t.mqtt!.brokerVersion ? { brokerVersion: t.mqtt!.brokerVersion } : {}) } };
  }
};
