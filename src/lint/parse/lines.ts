/** @fileoverview Split text into lines as mosquitto reads them (LF or CRLF ends, no continuation). */
import type { Token } from '../../model/config.js';

/** The lines of a text, without their line ends; a final empty line after the last LF is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A column-0 `#` line: the only kind of comment mosquitto knows in its conf, ACL and password files. */
export function isComment(line: string): boolean {
  return line.startsWith('#');
}

/** Split on single spaces only, as strtok(" ") does: tabs stay inside tokens. */
export function tokenize(raw: string): Token[] {
  const out: Token[] = [];
  const re = /[^ ]+/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) out.push({ text: m[0], col: m.index + 1 });
  return out;
}
