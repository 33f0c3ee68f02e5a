/** @fileoverview A `#` after a string value becomes part of the value (only column-1 `#` is a comment; docs/lint.md, "Reading the files"). */
import type { Check } from '../../context.js';
import { isSecretKeyword, lookupKeyword } from '../../../common/keywords.js';

export const check: Check = {
  *directive({ d, unit }, ctx) {
    const def = lookupKeyword(d.keyword, unit.version.version);
    if (!def || !(def.type === 'string' || d.keyword === 'include_dir')) return;
    const hash = d.tokens.findIndex((t) => t.text.startsWith('#'));
    if (hash <= 0) return; // no comment, or the value itself starts with # (a different problem)
    const at = { ...ctx.loc(d), column: d.tokens[hash].col };
    yield { at, data: { keyword: d.keyword, value: isSecretKeyword(d.keyword) ? '<redacted>' : d.value } };
  },
};
