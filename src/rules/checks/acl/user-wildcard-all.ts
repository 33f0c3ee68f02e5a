/** @fileoverview A user may write `#` (high) or read `#` (medium); --acl-admin names users allowed to. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../../hits.js';

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if (e.kind !== 'topic' || e.user === undefined || e.access === 'deny' || !MATCH_ALL.test(e.filter)) return;
    if (ctx.adminUsers.includes(e.user)) return;
    yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { user: e.user, access: e.access, filter: e.filter }, variant: e.access !== 'read' ? undefined : 'read' };
  },
};
