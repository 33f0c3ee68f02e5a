/** @fileoverview mosquitto.conf text → directives with positions, tokenised the way src/conf.c does it. */
import type { ConfDirective, ParsedConf } from '../../model/config.js';
import { isComment, splitLines, tokenize } from './lines.js';

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

