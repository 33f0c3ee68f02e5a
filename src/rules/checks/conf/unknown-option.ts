/** @fileoverview Keywords mosquitto 2.0 does not know: the broker refuses to start ("Unknown configuration variable"). */
import type { Check } from '../../context.js';
import { KEYWORDS_2_1, KNOWN_NAMES, lookupKeyword } from '../../../common/keywords.js';

export const check: Check = {
  *directive({ d }, ctx) {
    if (!lookupKeyword(d.keyword)) yield { at: ctx.loc(d), data: { keyword: printable(d.keyword), hint: hint(d.keyword) } };
  },
};

function hint(word: string): string {
  if (word.startsWith('\uFEFF')) return 'the file starts with a UTF-8 byte-order mark, which mosquitto reads as part of the first word: save it without one';
  if (word.startsWith('#')) return 'an indented comment: only a # in column 1 starts a comment';
  const tab = word.indexOf('\t');
  if (tab > 0 && lookupKeyword(word.slice(0, tab))) return `a tab after "${word.slice(0, tab)}": mosquitto separates with spaces only`;
  if (KEYWORDS_2_1.has(word)) return 'this option exists only in mosquitto 2.1';
  const near = suggest(word);
  return near ? `did you mean "${near}"?` : 'not a mosquitto 2.0 option';
}

function printable(s: string): string {
  return s.replace(/\t/g, '\\t').replace(/^\uFEFF/, '<BOM>');
}

/** The closest known keyword within a small edit distance. */
export function suggest(word: string): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const k of KNOWN_NAMES) {
    const dist = levenshtein(word.toLowerCase(), k);
    if (dist < bestD) {
      bestD = dist;
      best = k;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
