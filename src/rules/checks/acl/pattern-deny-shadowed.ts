/** @fileoverview A `pattern deny` that a user's own `topic` grant overrides: the user block is checked first (docs/lint.md, "Security settings"). */
import type { Check } from '../../context.js';
import { filtersOverlap } from '../../hits.js';

export const check: Check = {
  *acl({ acl }, ctx) {
    const grants = acl.parsed.entries.filter((e) => e.kind === 'topic' && e.user !== undefined && e.access !== 'deny');
    for (const p of acl.parsed.entries) {
      if (p.kind !== 'pattern' || p.access !== 'deny') continue;
      const g = grants.find((x) => filtersOverlap(x.filter, p.filter));
      if (g) yield { at: ctx.fileLoc(acl.parsed.path, p.line, p.col), data: { filter: p.filter, user: g.user, grant: g.filter, grantLine: g.line } };
    }
  },
};
