/** @fileoverview An ACL file without rules denies everything (before 1.5.6 it allowed everything: CVE-2018-12550). */
import type { Check } from '../../context.js';

export const check: Check = {
  *acl({ acl }, ctx) {
    if (acl.parsed.entries.length > 0 || acl.parsed.problems.length > 0) return;
    yield { at: acl.ref ? ctx.loc(acl.ref.d) : ctx.fileLoc(acl.parsed.path, 1) };
  },
};
