/** @fileoverview A private key readable by others or writable by group/others. */
import type { Check } from '../../context.js';
import { checkedMode, octal } from '../../hits.js';

export const check: Check = {
  *file({ path, kind, mode: m, ref }, ctx) {
    const mode = checkedMode(m);
    if (kind !== 'key' || !ref || mode === undefined || (mode & 0o026) === 0) return;
    const file = ctx.show(path);
    yield { at: ctx.loc(ref.d), data: { file, mode: octal(mode) }, evidence: { file, mode: octal(mode) } };
  },
};
