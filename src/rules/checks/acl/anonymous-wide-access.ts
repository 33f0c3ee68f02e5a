/** @fileoverview The anonymous section (before the first `user`) grants write, or read on everything. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../../hits.js';

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if (e.kind !== 'topic' || e.user !== undefined || e.access === 'deny') return;
    const writes = e.access === 'write' || e.access === 'readwrite';
    if (writes || MATCH_ALL.test(e.filter)) yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { access: e.access, filter: e.filter, what: writes ? 'write access' : 'read access to every topic' } };
  },
};
