/** @fileoverview Listener options in a config without any listener: ignored since 2.0.12, a remote anonymous listener before (CHANGELOG 2.0.12). */
import type { Check } from '../../context.js';

export const check: Check = {
  *config({ unit }, ctx) {
    for (const d of unit.model.ignoredListenerOptions) yield { at: ctx.loc(d), data: { keyword: d.keyword } };
  },
};
