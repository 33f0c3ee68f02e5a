/**
 * @fileoverview A `pattern` line written inside a user block: it still applies to every client
 * (docs/lint.md, "Security settings"). "Inside" is how a reader sees it: in the same paragraph as the `user` line (no
 * blank line between). Patterns set apart below the user blocks, as most ACL files keep their device patterns, are
 * meant for everyone and are silent.
 */
import type { Check } from '../../context.js';

/** True when no blank line separates line (1-based) from the `user` line above it. */
function inUserParagraph(lines: string[], line: number): boolean {
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i].trim();
    if (l === '') return false;
    if (/^user\s/.test(l)) return true;
  }
  return false;
}

export const check: Check = {
  *'acl-entry'({ e, acl }, ctx) {
    if (e.kind !== 'pattern' || e.block === undefined || !inUserParagraph(acl.parsed.lines, e.line)) return;
    const unscoped = e.access !== 'deny' && !e.filter.includes('%u') && !e.filter.includes('%c');
    yield { at: ctx.fileLoc(acl.parsed.path, e.line, e.col), data: { access: e.access, filter: e.filter, user: e.block }, ...(unscoped ? { variant: 'unscoped' } : {}) };
  },
};
