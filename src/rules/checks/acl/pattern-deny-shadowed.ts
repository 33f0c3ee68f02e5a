/**
 * @fileoverview A `pattern deny` that a client's own `topic` grant overrides: a user's block (or, for clients without a
 * username, the anonymous section) is checked first, patterns only when it has no match (docs/lint.md, "Security settings").
 */
import type { Check } from '../../context.js';
import { filtersOverlap } from '../../hits.js';

export const check: Check = {
  *acl({ acl }, ctx) {
    const grants = acl.parsed.entries.filter((e) => e.kind === 'topic' && e.access !== 'deny');
    for (const p of acl.parsed.entries) {
      if (p.kind !== 'pattern' || p.access !== 'deny') continue;
      const g = grants.find((x) => {
        // For a user, %u is that user's name; %c any client id. Patterns with %u never apply to clients without a
        // username (src/security_default.c skips them), so they cannot be shadowed by the anonymous section.
        if (x.user === undefined && p.filter.includes('%u')) return false;
        const as = p.filter.replace(/%u/g, x.user ?? '').replace(/%c/g, '+');
        return filtersOverlap(x.filter, as);
      });
      if (g) {
        const who = g.user === undefined ? 'clients without a username, whose anonymous-section' : `user ${g.user}, whose`;
        yield { at: ctx.fileLoc(acl.parsed.path, p.line, p.col), data: { filter: p.filter, who, grant: g.filter, grantLine: g.line } };
      }
    }
  },
};
