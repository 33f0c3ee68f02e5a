/** @fileoverview mosquitto.conf text → directives with positions, tokenised the way src/conf.c does it. */
import { isComment, splitLines, tokenize, type Token } from './lines.js';

export type { Token };

/** One non-comment line of a mosquitto.conf. */
export interface ConfDirective {
  path: string;
  line: number;
  /** The first space-delimited word; tabs are not separators (HARDENING.md §1.1). */
  keyword: string;
  col: number;
  /** The rest of the line after the keyword, trimmed both ends: what a string option receives. */
  value: string;
  valueCol: number;
  /** The rest of the line split on spaces: what bool, int and enum options read. */
  tokens: Token[];
}

/** A parsed mosquitto.conf. */
export interface ParsedConf {
  path: string;
  lines: string[];
  directives: ConfDirective[];
}

/** Parse mosquitto.conf text; never throws: every line becomes a directive or is skipped as mosquitto skips it. */
export function parseConf(path: string, text: string): ParsedConf {
  const lines = splitLines(text);
  const directives: ConfDirective[] = [];
  lines.forEach((raw, i) => {
    if (raw === '' || isComment(raw)) return;
    const tokens = tokenize(raw);
    if (tokens.length === 0) return; // a line of spaces: strtok finds no token
    const [kw, ...rest] = tokens;
    const after = raw.slice(kw.col - 1 + kw.text.length);
    const lead = after.length - after.trimStart().length;
    const value = after.trim();
    directives.push({
      path,
      line: i + 1,
      keyword: kw.text,
      col: kw.col,
      value,
      valueCol: kw.col + kw.text.length + lead,
      tokens: rest,
    });
  });
  return { path, lines, directives };
}

