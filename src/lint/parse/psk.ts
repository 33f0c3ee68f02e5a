/** @fileoverview mosquitto psk_file text → `identity:hexkey` entries (src/security_default.c, psk__file_parse; docs/lint.md, "Security settings"). */
import type { ParsedPsk, PskEntry } from '../../model/config.js';
import { isComment, splitLines } from './lines.js';

/** Parse a PSK file; never throws. The key must be hex digits only; mosquitto sets no minimum length. */
export function parsePsk(path: string, text: string): ParsedPsk {
  const lines = splitLines(text);
  const entries: PskEntry[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '' || isComment(raw)) return;
    const colon = raw.indexOf(':');
    if (colon < 0) return; // mosquitto skips lines without a separator
    const identity = raw.slice(0, colon).trim();
    const keyRaw = raw.slice(colon + 1);
    const key = keyRaw.trim();
    const identityCol = raw.length - raw.trimStart().length + 1;
    const keyCol = colon + 2 + (keyRaw.length - keyRaw.trimStart().length);
    // NOTE: the key itself is never kept: only its length.
    const problem = /^[0-9a-fA-F]*$/.test(key) ? undefined : 'the key is not hex digits only: mosquitto refuses to start';
    entries.push({ identity, line: i + 1, identityCol, keyCol, hexDigits: key.length, ...(problem ? { problem } : {}) });
  });
  return { path, lines, entries };
}
