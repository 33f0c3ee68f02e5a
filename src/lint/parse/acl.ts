/** @fileoverview mosquitto acl_file text → entries with positions, and the lines the broker would reject (src/security_default.c). */
import type { Access, AclEntry, AclProblem, ParsedAcl } from '../../model/config.js';
import { isComment, splitLines, tokenize } from './lines.js';

const ACCESS = new Set(['read', 'write', 'readwrite', 'deny']);

/** Parse an ACL file; never throws. */
export function parseAcl(path: string, text: string): ParsedAcl {
  const lines = splitLines(text);
  const entries: AclEntry[] = [];
  const users: { name: string; line: number }[] = [];
  const problems: AclProblem[] = [];
  let user: string | undefined;
  lines.forEach((full, i) => {
    const line = i + 1;
    const raw = full.replace(/\s+$/, '');
    if (raw === '' || isComment(raw)) return;
    const tokens = tokenize(raw);
    if (tokens.length === 0) return;
    const [first, ...rest] = tokens;
    if (first.text === 'user') {
      const name = raw.slice(first.col - 1 + 4).trim();
      if (name === '') problems.push({ line, col: first.col, message: '`user` without a name' });
      else {
        user = name;
        users.push({ name, line });
      }
      return;
    }
    if (first.text === 'topic' || first.text === 'pattern') {
      if (rest.length === 0) {
        problems.push({ line, col: first.col, message: `\`${first.text}\` without a topic filter` });
        return;
      }
      let access: Access = 'readwrite';
      let filterTok = rest[0];
      if (rest.length > 1) {
        if (!ACCESS.has(rest[0].text)) {
          problems.push({ line, col: rest[0].col, message: `unknown access type "${rest[0].text}" (read, write, readwrite or deny)` });
          return;
        }
        access = rest[0].text as Access;
        filterTok = rest[1];
      }
      const filter = raw.slice(filterTok.col - 1).trim();
      const bad = filterProblem(filter);
      if (bad) {
        problems.push({ line, col: filterTok.col, message: `invalid topic filter "${filter}": ${bad}` });
        return;
      }
      entries.push({ kind: first.text, access, filter, user: first.text === 'topic' ? user : undefined, ...(user !== undefined ? { block: user } : {}), line, col: first.col, filterCol: filterTok.col });
      return;
    }
    const what = first.text.startsWith('#') ? 'an indented comment (only a `#` in column 1 starts a comment)' : first.text.includes('\t') ? 'a tab where a space is needed' : `unknown keyword "${first.text}"`;
    problems.push({ line, col: first.col, message: `invalid line: ${what}` });
  });
  return { path, lines, entries, users, problems };
}

/** Why a subscription filter is invalid (MQTT 3.1.1 §4.7.1), or undefined. */
export function filterProblem(filter: string): string | undefined {
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    if (l.includes('#') && (l !== '#' || i !== levels.length - 1)) return '`#` must be a whole, last level';
    if (l.includes('+') && l !== '+') return '`+` must be a whole level';
  }
  return undefined;
}
