/** @fileoverview The finding vocabulary every part shares: severity order, SARIF security-severity defaults, the order of findings, the summary. */
import type { Finding, Severity } from '../model/types.js';

/** Severities, most severe first; the index is the rank. */
export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** SARIF security-severity defaults, away from GitHub's band boundaries (the opening of docs/rules.md). */
export const DEFAULT_SECURITY_SEVERITY: Record<Severity, number | undefined> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0, info: undefined };

function sortKey(f: Finding): string {
  const where = f.target
    ? `${f.target.host}:${String(f.target.port).padStart(5, '0')}`
    : `${f.location?.path}:${String(f.location?.line ?? 0).padStart(8, '0')}:${String(f.location?.column ?? 0).padStart(5, '0')}`;
  return `${SEVERITY_ORDER.indexOf(f.severity)}\0${f.ruleId}\0${where}`;
}

/** Sort by severity, then rule id, then target or location (the key is built once a finding, not per comparison). */
export function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ f, k: sortKey(f) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i].f;
  return findings;
}

/** Count unsuppressed findings that are not absent, by severity. */
export function summarize(findings: Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (!f.suppressed && f.baselineState !== 'absent') s[f.severity]++;
  return s;
}
