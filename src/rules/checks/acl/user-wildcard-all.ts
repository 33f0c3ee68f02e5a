/** @fileoverview A user may write `#` (high) or read `#` (medium); --acl-admin names users allowed to. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const acl of ctx.lint?.acls ?? []) {
    for (const e of acl.parsed.entries) {
      if (e.kind !== 'topic' || e.user === undefined || e.access === 'deny' || !MATCH_ALL.test(e.filter)) continue;
      if (ctx.adminUsers.includes(e.user)) continue;
      const writes = e.access !== 'read';
      yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { user: e.user, access: e.access, filter: e.filter }, variant: writes ? undefined : 'read' };
    }
  }
};
