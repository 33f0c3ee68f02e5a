/** @fileoverview A `pattern` line granting `#` applies to every client, anonymous ones included. */
import type { Check } from '../../context.js';
import { MATCH_ALL } from '../../hits.js';

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if (e.kind === 'pattern' && e.access !== 'deny' && MATCH_ALL.test(e.filter)) yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { access: e.access, filter: e.filter } };
  },
};
