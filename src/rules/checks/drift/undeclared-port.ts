/** @fileoverview MQTT answers on a port no listener of the configuration declares. */
import type { Check } from '../../context.js';
import { firstLine } from '../../../lint/subjects.js';
import { driftPairs } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { host, unit, declared, wire } of driftPairs(ctx)) {
    for (const t of wire) {
      if (t.state !== 'open' || !t.mqtt || declared.some((l) => l.port === t.port)) continue;
      yield { at: firstLine(unit, ctx.loc), target: { host, port: t.port }, data: { host, port: t.port }, evidence: { transport: t.transport } };
    }
  }
};
