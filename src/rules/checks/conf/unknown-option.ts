/** @fileoverview Keywords the configured mosquitto version does not know: the broker refuses to start ("Unknown configuration variable"). */
import type { Check } from '../../context.js';
import { knownNames, lookupKeyword, versionsKnowing } from '../../../common/keywords.js';
import type { MosquittoVersion } from '../../../model/config.js';

export const check: Check = {
  *directive({ d, unit }, ctx) {
    const v = unit.version.version;
    if (!lookupKeyword(d.keyword, v)) yield { at: ctx.loc(d), data: { keyword: printable(d.keyword), hint: hint(d.keyword, v, unit.version.label), version: v } };
  },
};

function hint(word: string, v: MosquittoVersion, label: string = v): string {
  if (word.startsWith('\uFEFF')) return 'the file starts with a UTF-8 byte-order mark, which mosquitto reads as part of the first word: save it without one';
  if (word.startsWith('#')) return 'an indented comment: only a # in column 1 starts a comment';
  const tab = word.indexOf('\t');
  if (tab > 0 && lookupKeyword(word.slice(0, tab), v)) return `a tab after "${word.slice(0, tab)}": mosquitto separates with spaces only`;
  const others = versionsKnowing(word);
  if (others.length > 0) return `this option exists only in mosquitto ${others.join(' and ')} (this config is judged for mosquitto ${label}: set --mosquitto-version if that is wrong)`;
  const near = suggest(word, v);
  return near ? `did you mean "${near}"?` : `not a mosquitto ${v} option`;
}

function printable(s: string): string {
  return s.replace(/\t/g, '\\t').replace(/^\uFEFF/, '<BOM>');
}

/** The closest known keyword within a small edit distance. */
export function suggest(word: string, v: MosquittoVersion = '2.0'): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const k of knownNames(v)) {
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
