/**
 * @fileoverview A `topic deny` that covers a grant of the same block: deny lines are checked first whatever their order
 * (src/security_default.c), so the grant never applies (docs/lint.md, "Security settings"). The deny is the cause and
 * the finding stands at it.
 */
import type { Check } from '../../context.js';
import { filterCovers } from '../../hits.js';

export const check: Check = {
  *acl({ acl }, ctx) {
    const topics = acl.parsed.entries.filter((e) => e.kind === 'topic');
    for (const deny of topics) {
      if (deny.access !== 'deny') continue;
      for (const g of topics) {
        if (g.access === 'deny' || g.user !== deny.user || !filterCovers(deny.filter, g.filter)) continue;
        const who = g.user === undefined ? 'clients without a username' : `user ${g.user}`;
        yield { at: ctx.fileLoc(acl.parsed.path, deny.line, deny.col), data: { access: g.access, filter: g.filter, who, deny: deny.filter, grantLine: g.line }, key: `deny ${deny.filter} grant ${g.filter}` };
      }
    }
  },
};
