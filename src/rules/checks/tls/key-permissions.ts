/** @fileoverview A private key readable by others or writable by group/others. */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { checkedMode, octal } from '../helpers.js';

export const check: Check = function* (ctx) {
  const seen = new Set<string>();
  for (const pem of ctx.lint?.pems ?? []) {
    if (pem.ref.kind !== 'key' || seen.has(pem.path)) continue;
    seen.add(pem.path);
    const mode = checkedMode(ctx.lint, pem.path);
    if (mode === undefined || (mode & 0o026) === 0) continue;
    yield { at: ctx.loc(pem.ref.d), data: { file: displayPath(pem.path, ctx.lint!.cwd), mode: octal(mode) }, evidence: { file: displayPath(pem.path, ctx.lint!.cwd), mode: octal(mode) } };
  }
};
