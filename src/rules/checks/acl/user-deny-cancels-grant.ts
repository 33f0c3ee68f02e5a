/**
 * @fileoverview A `topic deny` that covers a grant of the same block: deny lines are checked first whatever their order
 * (src/security_default.c), so the grant never applies (docs/lint.md, "Security settings").
 */
import type { Check } from '../../context.js';
import { filterCovers } from '../../hits.js';

export const check: Check = {
  *acl({ acl }, ctx) {
    const topics = acl.parsed.entries.filter((e) => e.kind === 'topic');
    for (const g of topics) {
      if (g.access === 'deny') continue;
      const deny = topics.find((d) => d.access === 'deny' && d.user === g.user && filterCovers(d.filter, g.filter));
      if (!deny) continue;
      const who = g.user === undefined ? 'clients without a username' : `user ${g.user}`;
      yield { at: ctx.fileLoc(acl.parsed.path, g.line, g.col), data: { access: g.access, filter: g.filter, who, deny: deny.filter, denyLine: deny.line } };
    }
  },
};
