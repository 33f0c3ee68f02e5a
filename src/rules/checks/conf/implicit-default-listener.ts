/** @fileoverview Listener options outside any listener block make mosquitto open an extra listener nobody declared (docs/lint.md, "Listeners"). */
import type { ConfDirective } from '../../../model/config.js';
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *config({ unit }, ctx) {
    const explicit = unit.model.listeners.filter((l) => l.kind === 'explicit');
    const dflt = unit.model.listeners.find((l) => l.kind === 'default');
    if (explicit.length === 0 || !dflt) return;
    // The first `listener` line of each file: after it, port and bind_address still configure the default listener.
    const firstListener = new Map<string, number>();
    for (const l of explicit) if (l.anchor && l.anchor.line < (firstListener.get(l.anchor.path) ?? Infinity)) firstListener.set(l.anchor.path, l.anchor.line);
    const afterListener = (d: ConfDirective) => d.line > (firstListener.get(d.path) ?? Infinity);
    const address = dflt.triggers.filter((d) => d.keyword === 'port' || d.keyword === 'bind_address');
    // `port` or `bind_address` before the listeners declare the default listener: the options beside them configure
    // the listener the user asked for (moving them below a listener would break it). Only a port or bind_address
    // written after a listener, meant for that listener, is reported then.
    const declared = address.some((d) => !afterListener(d));
    for (const d of declared ? address.filter(afterListener) : dflt.triggers) {
      const where = afterListener(d) ? 'after a listener' : d.path !== unit.main.path ? 'at the top of an included file' : 'before the first listener';
      yield { at: ctx.loc(d), data: { keyword: d.keyword, listener: listenerName(dflt), where } };
    }
  },
};
