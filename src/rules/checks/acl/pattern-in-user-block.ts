/** @fileoverview A `pattern` line written inside a user block: it still applies to every client (docs/lint.md, "Security settings"). */
import type { Check } from '../../context.js';

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if (e.kind !== 'pattern' || e.block === undefined) return;
    const unscoped = e.access !== 'deny' && !e.filter.includes('%u') && !e.filter.includes('%c');
    yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { access: e.access, filter: e.filter, user: e.block }, ...(unscoped ? { variant: 'unscoped' } : {}) };
  },
};
