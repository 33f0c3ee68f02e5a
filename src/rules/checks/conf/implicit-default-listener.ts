/** @fileoverview Listener options outside any listener block make mosquitto open an extra listener (docs/lint.md, "Listeners"). */
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *config({ unit }, ctx) {
    const hasExplicit = unit.model.listeners.some((l) => l.kind === 'explicit');
    const dflt = unit.model.listeners.find((l) => l.kind === 'default');
    if (!hasExplicit || !dflt) return;
    for (const d of dflt.triggers) {
      const included = d.path !== unit.main.path;
      yield { at: ctx.loc(d), data: { keyword: d.keyword, listener: listenerName(dflt), where: included ? 'at the top of an included file' : 'before the first listener' } };
    }
  },
};
