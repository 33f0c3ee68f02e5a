/** @fileoverview A file or directory the config names does not exist (under --root): the broker would not start. */
import type { Check } from '../../context.js';

export const check: Check = {
  *config({ unit }, ctx) {
    for (const ref of unit.refs) {
      if (ref.resolved) continue;
      yield { at: ctx.loc(ref.d), data: { keyword: ref.keyword, path: ref.d.value, looked: ref.candidates.map((c) => ctx.show(c)).join(', ') } };
    }
  },
};
