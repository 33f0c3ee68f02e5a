/** @fileoverview psk_file keys shorter than 128 bits, or not hex (the broker refuses those); the key itself is never read out. */
import type { Check } from '../../context.js';

/** NIST SP 800-131A's floor for symmetric keys, in hex digits. */
const MIN_HEX_DIGITS = 32;

export const check: Check = {
  *psk({ psk }, ctx) {
    for (const e of psk.parsed.entries) {
      const at = ctx.fileLoc(psk.parsed.path, e.line, e.keyCol);
      if (e.problem) yield { at, data: { identity: e.identity }, variant: 'invalid', key: `identity ${e.identity}` };
      else if (e.hexDigits > 0 && e.hexDigits < MIN_HEX_DIGITS) yield { at, data: { identity: e.identity, bits: e.hexDigits * 4 }, key: `identity ${e.identity}` };
    }
  },
};
