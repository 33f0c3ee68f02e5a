/** @fileoverview Write access to `$SYS/…` is never granted by the broker (except bridge state topics). */
import type { Check } from '../../context.js';

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if ((e.access === 'write' || e.access === 'readwrite') && e.filter.startsWith('$SYS') && !/^\$SYS\/broker\/connection\/[^/]+\/state$/.test(e.filter)) {
      yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { filter: e.filter } };
    }
  },
};
