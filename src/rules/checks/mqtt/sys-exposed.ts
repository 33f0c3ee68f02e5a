/** @fileoverview `$SYS/#` is readable: broker version, client counts and load for anyone who can connect. */
import type { Check } from '../../context.js';
import { sessionName, targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    const l = t.mqtt?.listen;
    if (!l || l.sysMessages === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    const who = sessionName(t);
    const version = t.mqtt!.brokerVersion;
    yield { ...hit, data: { endpoint, who, version: version ? ` (${version})` : '' }, evidence: { ...hit.evidence, identity: who, sysMessages: l.sysMessages, ...(version ? { brokerVersion: version } : {}) } };
  },
};
