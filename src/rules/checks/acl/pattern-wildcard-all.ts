/** @fileoverview A `pattern` line granting `#` applies to every client, anonymous ones included. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const acl of ctx.lint?.acls ?? []) {
    for (const e of acl.parsed.entries) {
      if (e.kind === 'pattern' && e.access !== 'deny' && MATCH_ALL.test(e.filter)) yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { access: e.access, filter: e.filter } };
    }
  }
};
