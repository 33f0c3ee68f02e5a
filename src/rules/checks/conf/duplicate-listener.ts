/** @fileoverview Two listeners on one port and address (or one of them on all addresses): the second bind fails, the broker exits. */
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *config({ unit }, ctx) {
    const ls = unit.model.listeners.filter((l) => l.kind !== 'local-only' && !l.socketPath && !l.options.has('bind_interface') && l.anchor);
    for (let i = 1; i < ls.length; i++) {
      const l = ls[i];
      const clash = ls.slice(0, i).find((o) => o.port === l.port && (o.bind === l.bind || o.bind === undefined || l.bind === undefined));
      if (clash) yield { at: ctx.loc(l.anchor!), data: { listener: listenerName(l), other: listenerName(clash) } };
    }
  },
};
