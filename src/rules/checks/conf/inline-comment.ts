/** @fileoverview A `#` after a string value becomes part of the value (only column-1 `#` is a comment; HARDENING.md §1.1). */
import type { Check } from '../../context.js';
import { isSecretKeyword, lookupKeyword } from '../../../lint/keywords.js';

export const check: Check = function* (ctx) {
  for (const unit of ctx.lint?.configs ?? []) {
    for (const d of unit.directives) {
      const def = lookupKeyword(d.keyword);
      if (!def || !(def.type === 'string' || d.keyword === 'include_dir')) continue;
      const hash = d.tokens.findIndex((t) => t.text.startsWith('#'));
      if (hash <= 0) continue; // no comment, or the value itself starts with # (a different problem)
      const at = { ...ctx.loc(d), column: d.tokens[hash].col };
      const secret = isSecretKeyword(d.keyword);
      yield { at, data: { keyword: d.keyword, value: secret ? '<redacted>' : d.value } };
    }
  }
};
