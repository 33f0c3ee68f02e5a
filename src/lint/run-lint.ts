/** @fileoverview The lint pipeline: inputs → facts → rules → findings → suppressions → Result. */
import { directiveLocation, type RuleContext, type RuleSettings } from '../rules/context.js';
import { runRules, sortFindings } from '../rules/engine.js';
import type { FileEntry, Finding, Result, Rule } from '../model/types.js';
import { buildResult } from '../report/result.js';
import { lintBatches, type LintFacts, type LintInput } from './load.js';
import { displayPath } from './paths.js';
import { lintSubjects } from './subjects.js';
import { applySuppressions, parseSuppressions } from './suppressions.js';

/** Lint the inputs with the given rules; throws AuditError for inputs that cannot be linted. */
export function runLint(input: LintInput, rules: Rule[], settings: RuleSettings, version: string): Result {
  const startedAt = new Date();
  const lintRules = rules.filter((r) => r.foundBy.includes('lint'));
  const files: FileEntry[] = [];
  const findings: Finding[] = [];
  for (const facts of lintBatches(input)) {
    files.push(...facts.files);
    findings.push(...lintFacts(facts, lintRules, settings));
  }
  return buildResult({ command: 'lint', version, startedAt, files, findings: sortFindings(findings), targets: [] });
}

/** Run the rules over one batch of facts and apply its suppressions. */
export function lintFacts(facts: LintFacts, rules: Rule[], settings: RuleSettings): Finding[] {
  const cwd = facts.cwd;
  const loc = (d: Parameters<typeof directiveLocation>[0]) => directiveLocation(d, cwd);
  const subjectCache = new Map<string, ReturnType<typeof lintSubjects>>();
  const ctx: RuleContext = {
    ...settings,
    lint: facts,
    loc,
    fileLoc: (abs, line = 1, column) => ({ path: displayPath(abs, cwd), line, ...(column ? { column } : {}) }),
    subjects: (kind) => {
      let s = subjectCache.get(kind);
      if (!s) subjectCache.set(kind, (s = lintSubjects(facts, kind, loc)));
      return s;
    },
  };
  const byDisplay = new Map<string, string[]>();
  for (const [abs, lines] of facts.texts) byDisplay.set(displayPath(abs, cwd), lines);
  // Reports show offending lines: a password file's lines are shown as user:<redacted>, whatever they hold.
  for (const pw of facts.passwds) {
    const shown = displayPath(pw.parsed.path, cwd);
    byDisplay.set(shown, pw.parsed.lines.map((l) => (l.startsWith('#') || l.trim() === '' ? l : l.includes(':') ? `${l.slice(0, l.indexOf(':'))}:<redacted>` : '<redacted>')));
  }
  const findings = runRules(rules, ctx, (path, line) => byDisplay.get(path)?.[line - 1]);
  const sups = [...byDisplay].flatMap(([path, lines]) => parseSuppressions(path, lines));
  applySuppressions(findings, sups, settings.now);
  return findings;
}
