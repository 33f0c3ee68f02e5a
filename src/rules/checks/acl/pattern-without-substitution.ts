/** @fileoverview A `pattern` without %u or %c gives every client the same access (the broker warns); a `topic` line says it plainly. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../../hits.js';

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if (e.kind !== 'pattern' || e.access === 'deny' || e.filter.includes('%u') || e.filter.includes('%c')) return;
    if (MATCH_ALL.test(e.filter)) return; // acl.pattern-wildcard-all says it louder
    yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { filter: e.filter } };
  },
};
