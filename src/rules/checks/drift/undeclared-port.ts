/** @fileoverview MQTT answers on a port no listener of the configuration declares. */
import type { Check } from '../../context.js';
import { firstLine } from '../../declarative.js';

export const check: Check = {
  *drift({ host, unit, declared, wire }, ctx) {
    for (const t of wire) {
      if (t.state !== 'open' || !t.mqtt || declared.some((l) => l.port === t.port)) continue;
      yield { at: firstLine(unit.main.directives[0], unit.main.path, ctx), target: { host, port: t.port }, data: { host, port: t.port }, evidence: { transport: t.transport } };
    }
  },
};
