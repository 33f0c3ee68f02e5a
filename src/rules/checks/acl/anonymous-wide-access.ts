/** @fileoverview The anonymous section (before the first `user`) grants write, or read on everything. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const acl of ctx.lint?.acls ?? []) {
    for (const e of acl.parsed.entries) {
      if (e.kind !== 'topic' || e.user !== undefined || e.access === 'deny') continue;
      const writes = e.access === 'write' || e.access === 'readwrite';
      if (writes || MATCH_ALL.test(e.filter)) yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { access: e.access, filter: e.filter, what: writes ? 'write access' : 'read access to every topic' } };
    }
  }
};
