/** @fileoverview An ACL file writable by group/others (high) or readable by others (low; mosquitto 2.0.16 warns). */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { checkedMode, octal } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const acl of ctx.lint?.acls ?? []) {
    const mode = checkedMode(ctx.lint, acl.parsed.path);
    if (mode === undefined || (mode & 0o026) === 0) continue;
    const file = displayPath(acl.parsed.path, ctx.lint!.cwd);
    const at = acl.ref ? ctx.loc(acl.ref.d) : ctx.fileLoc(acl.parsed.path, 1);
    yield { at, data: { file, mode: octal(mode) }, variant: (mode & 0o022) === 0 ? 'readable' : undefined, evidence: { file, mode: octal(mode) } };
  }
};
