/** @fileoverview ACL lines the broker rejects: it refuses to start or reload ("Invalid line in acl_file"). */
import type { Check } from '../../context.js';

export const check: Check = {
  *acl({ acl }, ctx) {
    for (const p of acl.parsed.problems) yield { at: ctx.fileLoc(acl.parsed.path, p.line, p.col), data: { problem: p.message } };
  },
};
