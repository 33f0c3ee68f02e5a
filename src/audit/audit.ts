/** @fileoverview The one audit pipeline every command runs: facts + rules + settings → findings (rules once per subject, suppressions, sorted) → Result. */
import { displayPath } from '../common/paths.js';
import { sortFindings } from '../common/findings.js';
import type { ConfDirective } from '../model/config.js';
import type { FileEntry } from '../model/config.js';
import type { Finding, Framework, Result, Rule } from '../model/types.js';
import { assess } from './compliance.js';
import type { TargetFacts } from '../model/wire.js';
import type { CheckContext, RuleSettings } from '../rules/context.js';
import { runRules } from '../rules/engine.js';
import { SubjectIndex, type AuditFacts } from '../rules/subjects.js';
import { buildResult } from './result.js';
import { groupRepeated } from './group.js';
import { applySuppressions } from './suppressions.js';

/** Where checks are told places are shown from. */
export function checkContext(settings: RuleSettings, cwd: string): CheckContext {
  const show = (abs: string) => displayPath(abs, cwd);
  return {
    ...settings,
    cwd,
    show,
    loc: (d: ConfDirective) => ({ path: show(d.path), line: d.line, column: d.col, endColumn: d.value ? d.valueCol + d.value.length : d.col + d.keyword.length }),
    fileLoc: (abs, line = 1, column) => ({ path: show(abs), line, ...(column ? { column } : {}) }),
  };
}

/** The findings of one batch of facts: every rule once per subject it applies to, then the batch's suppression comments. */
export function auditBatch(
  facts: AuditFacts,
  rules: Rule[],
  settings: RuleSettings,
  cwd: string = facts.config?.cwd ?? process.cwd(),
  opts: { group?: boolean; applied?: Set<string> } = {},
): Finding[] {
  const ctx = checkContext(settings, cwd);
  const shown = new Map<string, string[]>();
  if (facts.config) {
    for (const [abs, lines] of facts.config.texts) shown.set(ctx.show(abs), lines);
    // Reports show offending lines: a password file's lines are shown as user:<redacted>, whatever they hold.
    for (const pw of facts.config.passwds) shown.set(ctx.show(pw.parsed.path), pw.parsed.lines.map(redactPasswdLine));
    for (const psk of facts.config.psks) shown.set(ctx.show(psk.parsed.path), psk.parsed.lines.map(redactPasswdLine));
    for (const ds of facts.config.dynsecs) shown.set(ctx.show(ds.parsed.path), ds.parsed.lines.map(redactDynsecLine));
  }
  const findings = runRules(rules, new SubjectIndex(facts), ctx, (path, line) => shown.get(path)?.[line - 1], opts.applied);
  applySuppressions(findings, (facts.config?.suppressions ?? []).map((s) => ({ ...s, path: ctx.show(s.path) })), settings.now);
  return opts.group === false ? findings : groupRepeated(findings);
}

/** A dynamic-security JSON line as reports may show it: password hashes and salts never. */
function redactDynsecLine(l: string): string {
  return l.replace(/("(?:password|salt)"\s*:\s*)"[^"]*"/g, '$1"<redacted>"');
}

/** A password-file line as reports may show it. */
function redactPasswdLine(l: string): string {
  return l.startsWith('#') || l.trim() === '' ? l : l.includes(':') ? `${l.slice(0, l.indexOf(':'))}:<redacted>` : '<redacted>';
}

/** Audit every batch (lint yields one per main configuration, so memory stays bounded) and build the Result. */
export function audit(
  command: Result['command'],
  batches: Iterable<AuditFacts>,
  rules: Rule[],
  settings: RuleSettings,
  meta: { version: string; startedAt: Date; frameworks?: Framework[] },
): Result {
  const files: FileEntry[] = [];
  const targets: TargetFacts[] = [];
  const findings: Finding[] = [];
  const applied = new Set<string>();
  for (const facts of batches) {
    if (facts.config) files.push(...facts.config.files);
    if (facts.scan) targets.push(...facts.scan.targets);
    findings.push(...auditBatch(facts, rules, settings, undefined, { applied }));
  }
  const result = buildResult({ command, version: meta.version, startedAt: meta.startedAt, files, findings: sortFindings(findings), targets });
  return meta.frameworks?.length ? { ...result, compliance: assess(meta.frameworks, result.findings, applied) } : result;
}
