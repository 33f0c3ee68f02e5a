/** @fileoverview mosquitto password_file text → entries with their hash kind (mosquitto's src/password_mosq.c; docs/lint.md, "Security settings"). */
import type { HashKind, PasswdEntry, ParsedPasswd } from '../../model/config.js';
import { isComment, splitLines } from './lines.js';

/** Parse a password file; never throws. Lines without `:` become malformed entries (the broker skips them silently). */
export function parsePasswd(path: string, text: string): ParsedPasswd {
  const lines = splitLines(text);
  const entries: PasswdEntry[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '' || isComment(raw)) return;
    const line = i + 1;
    const userCol = raw.length - raw.trimStart().length + 1;
    const colon = raw.indexOf(':');
    if (colon < 0) {
      // NOTE: the text of a line without ':' may be a password typed alone: it is never reported.
      entries.push({ user: '(a line without user name)', kind: 'malformed', line, userCol, secretCol: userCol, problem: 'no `:` separator: the broker skips this line' });
      return;
    }
    const user = raw.slice(0, colon).trim();
    const secretRaw = raw.slice(colon + 1);
    const secret = secretRaw.trim();
    const secretCol = colon + 2 + (secretRaw.length - secretRaw.trimStart().length);
    entries.push({ user, line, userCol, secretCol, ...classify(user, secret) });
  });
  return { path, lines, entries };
}

function classify(user: string, secret: string): Pick<PasswdEntry, 'kind' | 'iterations' | 'problem'> {
  if (user === '') return { kind: 'malformed', problem: 'empty username' };
  if (secret === '') return { kind: 'malformed', problem: 'empty password' };
  if (!secret.startsWith('$')) return { kind: 'plaintext' };
  let m = /^\$7\$(\d+)\$([^$]*)\$([^$]*)$/.exec(secret);
  if (m) {
    const bad = checkB64(m[2], 12, 'salt') ?? checkB64(m[3], 64, 'hash');
    return bad ? { kind: 'malformed', problem: bad } : { kind: 'sha512-pbkdf2', iterations: Number(m[1]) };
  }
  m = /^\$6\$([^$]*)\$([^$]*)$/.exec(secret);
  if (m) {
    const bad = checkB64(m[1], 12, 'salt') ?? checkB64(m[2], 64, 'hash');
    return bad ? { kind: 'malformed', problem: bad } : { kind: 'sha512' };
  }
  if (secret.startsWith('$argon2id$')) return { kind: 'argon2id', problem: 'argon2id hashes are read by mosquitto 2.1 only; 2.0 removes this entry' };
  return { kind: 'malformed', problem: 'unknown hash type: the broker removes this entry' };
}

function checkB64(s: string, bytes: number, what: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return `${what} is not base64`;
  const n = Buffer.from(s, 'base64').length;
  return n === bytes ? undefined : `${what} decodes to ${n} bytes, not ${bytes}`;
}
