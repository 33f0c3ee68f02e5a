/** @fileoverview A password file readable by others or writable by group/others (mosquitto 2.0.16 warns; future versions refuse). */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { checkedMode, octal } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const pw of ctx.lint?.passwds ?? []) {
    const mode = checkedMode(ctx.lint, pw.parsed.path);
    if (mode === undefined || (mode & 0o026) === 0) continue;
    const file = displayPath(pw.parsed.path, ctx.lint!.cwd);
    yield { at: pw.ref ? ctx.loc(pw.ref.d) : ctx.fileLoc(pw.parsed.path, 1), data: { file, mode: octal(mode) }, evidence: { file, mode: octal(mode) } };
  }
};
