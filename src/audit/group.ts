/** @fileoverview Repeated findings of one rule in one file become one finding with all their lines (docs/lint.md, "Repeated findings"). */
import type { Finding, Location } from '../model/types.js';
import { GROUP_KEY } from '../rules/engine.js';

/** At most this many other lines are named in a grouped message; all of them are in `related`. */
const NAMED_LINES = 8;

/**
 * Merge the unsuppressed file findings of one kind (a rule with `group: per-file`, one variant, one kind the check
 * names) in one file into the first of them: its message says how many more and where, `related` holds their places
 * and messages (SARIF relatedLocations). Findings from the wire, suppressed ones, and rules whose findings each say
 * something of their own (two certificates, two bridges) stay apart. The first finding's fingerprint is kept, so a
 * group stays the same finding in a baseline while lines are added below it.
 */
export function groupRepeated(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    const kind = (f as Finding & { [GROUP_KEY]?: string })[GROUP_KEY];
    if (!f.location || f.target || f.suppressed || kind === undefined) {
      out.push(f);
      continue;
    }
    const key = `${kind}\0${f.location.path}\0${f.severity}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else {
      groups.set(key, [f]);
      out.push(f);
    }
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort((a, b) => a.location!.line - b.location!.line || (a.location!.column ?? 0) - (b.location!.column ?? 0));
    // One finding a line: a second finding on a line already in the group (a DSA key and a SHA-1 signature of one
    // certificate) says something else about that line and stays a finding of its own.
    const taken = new Set<number>();
    const [first, ...rest] = g.filter((f) => {
      if (taken.has(f.location!.line)) {
        out.push(f);
        return false;
      }
      taken.add(f.location!.line);
      return true;
    });
    if (rest.length === 0) continue;
    const lead = out.indexOf(g[0]);
    const lines = rest.map((f) => f.location!.line);
    const named = lines.slice(0, NAMED_LINES).join(', ') + (lines.length > NAMED_LINES ? ', …' : '');
    const merged: Finding = {
      ...first,
      message: `${first.message} (and ${rest.length} more in this file: line${lines.length === 1 ? '' : 's'} ${named})`,
      related: rest.map((f) => relatedOf(f)),
    };
    out[lead] = merged;
  }
  return out;
}

function relatedOf(f: Finding): Location & { message: string } {
  const { path, line, column, endColumn } = f.location!;
  return { path, line, ...(column ? { column } : {}), ...(endColumn ? { endColumn } : {}), message: f.message };
}
