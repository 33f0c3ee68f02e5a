/** @fileoverview `# mqtt-audit: ignore …` comment lines → suppressions, resolved to the next non-comment line. */
import { InputError } from '../common/errors.js';
import type { Finding } from '../model/types.js';

/** One suppression comment. */
export interface Suppression {
  path: string;
  /** The line it applies to (inline), or undefined for the whole file. */
  line?: number;
  kind: 'inline' | 'file';
  ids: string[];
  reason: string;
  expires?: string;
  /** Where the comment itself stands. */
  commentLine: number;
}

/** The 1-based number of the first non-comment, non-blank line after index i (0-based), or undefined. */
export function nextNonCommentLine(lines: string[], i: number): number | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j].trim() !== '' && !lines[j].startsWith('#')) return j + 1;
  }
  return undefined;
}

const DIRECTIVE = /^#\s*mqtt-audit:\s*(\S+)\s*(.*)$/;
const ID = /^[a-z][a-z0-9]*\.([a-z0-9]+(-[a-z0-9]+)*)?$/;

/** Read the suppressions of one file; a malformed one is an InputError (exit 2) naming file:line. */
export function parseSuppressions(path: string, lines: string[]): Suppression[] {
  const out: Suppression[] = [];
  lines.forEach((raw, i) => {
    const m = DIRECTIVE.exec(raw);
    if (!m) return;
    const verb = m[1];
    if (verb !== 'ignore' && verb !== 'ignore-file') throw new InputError(path, `unknown mqtt-audit directive "${verb}" (ignore or ignore-file)`, i + 1);
    const sep = m[2].indexOf('--');
    if (sep < 0 || m[2].slice(sep + 2).trim() === '') throw new InputError(path, `mqtt-audit: ${verb} needs a reason after " -- "`, i + 1);
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
      else throw new InputError(path, `mqtt-audit: ${verb}: "${w}" is not a rule id`, i + 1);
    }
    if (ids.length === 0) throw new InputError(path, `mqtt-audit: ${verb} needs at least one rule id`, i + 1);
    if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new InputError(path, `mqtt-audit: ${verb}: exp must be YYYY-MM-DD, not "${expires}"`, i + 1);
    if (expires !== undefined && Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) throw new InputError(path, `mqtt-audit: ${verb}: exp ${expires} is not a date`, i + 1);
    if (reason === '') throw new InputError(path, `mqtt-audit: ${verb} needs a reason after " -- "`, i + 1);
    const line = verb === 'ignore' ? nextNonCommentLine(lines, i) : undefined;
    if (verb === 'ignore' && line === undefined) return; // nothing follows it: nothing to suppress
    out.push({ path, line, kind: verb === 'ignore' ? 'inline' : 'file', ids, reason, expires, commentLine: i + 1 });
  });
  return out;
}

/** True when a suppression id covers a rule id: the same id, or a prefix ending in a dot (`tls.`). */
export function coversRule(id: string, ruleId: string): boolean {
  return id === ruleId || (id.endsWith('.') && ruleId.startsWith(id));
}

/** Mark suppressed findings; a suppression past its exp date no longer applies. */
export function applySuppressions(findings: Finding[], sups: Suppression[], now: Date): void {
  const today = now.toISOString().slice(0, 10);
  for (const f of findings) {
    if (!f.location) continue;
    const s = sups.find(
      (x) => x.path === f.location!.path && (x.kind === 'file' || x.line === f.location!.line) && x.ids.some((id) => coversRule(id, f.ruleId)) && !(x.expires && x.expires < today),
    );
    if (s) f.suppressed = { kind: s.kind, reason: s.reason, ...(s.expires ? { expires: s.expires } : {}) };
  }
}
