/** @fileoverview `# mqtt-audit: ignore …` comment lines → suppressions, resolved to the next non-comment line (README.md, "Suppressing a finding"). */
import { InputError } from '../../common/errors.js';
import type { Suppression } from '../../model/config.js';

/** The 1-based number of the first non-comment, non-blank line after index i (0-based), or undefined. */
export function nextNonCommentLine(lines: string[], i: number): number | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j].trim() !== '' && !lines[j].startsWith('#')) return j + 1;
  }
  return undefined;
}

const DIRECTIVE = /^#\s*mqtt-audit:\s*(\S+)\s*(.*)$/;
/** A rule id, or a prefix of ids ending in `.` or `-`. */
const ID = /^[a-z][a-z0-9]*\.([a-z0-9]+(-[a-z0-9]+)*-?)?$/;

/** Read the suppressions of one file; a malformed one is an InputError (exit 2) naming file:line (`shown` in the message). */
export function parseSuppressions(path: string, lines: string[], shown = path): Suppression[] {
  const out: Suppression[] = [];
  lines.forEach((raw, i) => {
    const m = DIRECTIVE.exec(raw);
    if (!m) return;
    const verb = m[1];
    if (verb !== 'ignore' && verb !== 'ignore-file') throw new InputError(shown, `unknown mqtt-audit directive "${verb}" (ignore or ignore-file)`, i + 1);
    const sep = m[2].indexOf('--');
    if (sep < 0 || m[2].slice(sep + 2).trim() === '') throw new InputError(shown, `mqtt-audit: ${verb} needs a reason after " -- "`, i + 1);
    let reason = m[2].slice(sep + 2).trim();
    const words = m[2].slice(0, sep).trim().split(/[\s,]+/).filter(Boolean);
    let expires: string | undefined;
    const expInReason = /\s*\bexp:(\S+)\s*$/.exec(reason);
    if (expInReason) {
      expires = expInReason[1];
      reason = reason.slice(0, expInReason.index).trim();
    }
    const ids: string[] = [];
    for (const w of words) {
      if (w.startsWith('exp:')) expires = w.slice(4);
      else if (ID.test(w)) ids.push(w);
      else throw new InputError(shown, `mqtt-audit: ${verb}: "${w}" is not a rule id`, i + 1);
    }
    if (ids.length === 0) throw new InputError(shown, `mqtt-audit: ${verb} needs at least one rule id`, i + 1);
    if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new InputError(shown, `mqtt-audit: ${verb}: exp must be YYYY-MM-DD, not "${expires}"`, i + 1);
    if (expires !== undefined && Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) throw new InputError(shown, `mqtt-audit: ${verb}: exp ${expires} is not a date`, i + 1);
    if (reason === '') throw new InputError(shown, `mqtt-audit: ${verb} needs a reason after " -- "`, i + 1);
    const line = verb === 'ignore' ? nextNonCommentLine(lines, i) : undefined;
    if (verb === 'ignore' && line === undefined) return; // nothing follows it: nothing to suppress
    out.push({ path, line, kind: verb === 'ignore' ? 'inline' : 'file', ids, reason, expires, commentLine: i + 1 });
  });
  return out;
}
