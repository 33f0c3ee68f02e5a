/** @fileoverview An ACL file writable by group/others (high) or readable by others (low; mosquitto 2.0.16 warns). */
import type { Check } from '../../context.js';
import { checkedMode, octal } from '../../hits.js';

export const check: Check = {
  *file({ path, kind, mode: m, ref }, ctx) {
    const mode = checkedMode(m);
    if (kind !== 'acl' || mode === undefined || (mode & 0o026) === 0) return;
    const file = ctx.show(path);
    yield { at: ref ? ctx.loc(ref.d) : ctx.fileLoc(path, 1), data: { file, mode: octal(mode) }, variant: (mode & 0o022) === 0 ? 'readable' : undefined, evidence: { file, mode: octal(mode) } };
  },
};
