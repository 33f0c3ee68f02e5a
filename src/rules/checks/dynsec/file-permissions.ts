/** @fileoverview A dynamic-security file readable by others or writable by group/others (mosquitto_ctrl creates it 0644). */
import type { Check } from '../../context.js';
import { checkedMode, octal } from '../../hits.js';

export const check: Check = {
  *file({ path, kind, mode: m, ref }, ctx) {
    const mode = checkedMode(m);
    if (kind !== 'dynsec' || mode === undefined || (mode & 0o026) === 0) return;
    const file = ctx.show(path);
    yield { at: ref ? ctx.loc(ref.d) : ctx.fileLoc(path, 1), data: { file, mode: octal(mode) }, evidence: { file, mode: octal(mode) } };
  },
};
