/**
 * @fileoverview Findings → the controls of compliance frameworks (docs/compliance.md, "Statuses"): fail on an unsuppressed
 * finding of a mapped rule, pass only when a mapped rule had something to judge and found nothing, never pass by default.
 */
import type { ComplianceControl, ComplianceResult, Control, ControlStatus, Finding, Framework, Result } from '../model/types.js';

const STATUSES: ControlStatus[] = ['pass', 'fail', 'not-assessed', 'manual'];

/** What a report needs of a control besides its status: its requirement and the manual check (docs/compliance.md). */
function describe(c: Control): Pick<ComplianceControl, 'id' | 'title' | 'requirement' | 'manual'> {
  return { id: c.id, title: c.title, requirement: c.requirement, ...(c.manual ? { manual: c.manual } : {}) };
}

function frameworkOf(fw: Framework): ComplianceResult['framework'] {
  return { id: fw.id, title: fw.title, version: fw.version, source: fw.source };
}

function summarize(controls: ComplianceResult['controls']): ComplianceResult['summary'] {
  const s = Object.fromEntries(STATUSES.map((k) => [k, 0])) as ComplianceResult['summary'];
  for (const c of controls) s[c.status]++;
  return s;
}

/** Findings that count against a control: not suppressed, not fixed since the baseline. */
function counting(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressed && f.baselineState !== 'absent');
}

/**
 * One run's compliance: `applied` holds the rules that ran on at least one subject (a rule left out of the command,
 * disabled, or with nothing to judge is in neither `applied` nor evidence of a pass).
 */
export function assess(frameworks: Framework[], findings: Finding[], applied: ReadonlySet<string>): ComplianceResult[] {
  const live = counting(findings);
  return frameworks.map((fw) => {
    const controls = fw.controls.map((c) => {
      const rules = c.rules ?? [];
      const failing = live.filter((f) => rules.includes(f.ruleId));
      const status: ControlStatus = rules.length === 0 ? 'manual' : failing.length > 0 ? 'fail' : rules.some((r) => applied.has(r)) ? 'pass' : 'not-assessed';
      return { ...describe(c), status, rules, findings: failing.map((f) => f.fingerprint) };
    });
    return { framework: frameworkOf(fw), controls, summary: summarize(controls) };
  });
}

/**
 * Compliance of merged results (`report`): each input says what it assessed (its own `compliance`, or, when it has
 * none for a framework, only the failures its findings show). A control fails when any part failed, passes when at
 * least one part passed and none failed, and is otherwise not assessed (or manual).
 */
export function mergeCompliance(frameworks: Framework[], parts: Result[]): ComplianceResult[] {
  return frameworks.map((fw) => {
    const controls = fw.controls.map((c) => {
      const rules = c.rules ?? [];
      if (rules.length === 0) return { ...describe(c), status: 'manual' as ControlStatus, rules, findings: [] };
      const statuses: ControlStatus[] = [];
      const prints = new Set<string>();
      for (const part of parts) {
        const live = counting(part.findings).filter((f) => rules.includes(f.ruleId));
        for (const f of live) prints.add(f.fingerprint);
        const own = part.compliance?.find((x) => x.framework.id === fw.id)?.controls.find((x) => x.id === c.id);
        statuses.push(live.length > 0 ? 'fail' : own?.status === 'pass' ? 'pass' : 'not-assessed');
      }
      const status: ControlStatus = statuses.includes('fail') ? 'fail' : statuses.includes('pass') ? 'pass' : 'not-assessed';
      return { ...describe(c), status, rules, findings: [...prints], parts: parts.map((p, i) => ({ command: p.command, status: statuses[i] })) };
    });
    return { framework: frameworkOf(fw), controls, summary: summarize(controls) };
  });
}

/**
 * The controls --fail-on-control names that failed: `FRAMEWORK:CONTROL`, or a whole `FRAMEWORK` (any failed control).
 * Names were checked against the frameworks before the run (checkControlNames).
 */
export function failedGateControls(compliance: ComplianceResult[] | undefined, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const [fwId, controlId] = splitControlName(name);
    const fw = compliance?.find((x) => x.framework.id === fwId);
    for (const c of fw?.controls ?? []) if ((controlId === undefined || c.id === controlId) && c.status === 'fail') out.push(`${fwId}:${c.id}`);
  }
  return [...new Set(out)];
}

/** `etsi-en-303-645:5.1-1` → [framework, control]; a bare framework id → [framework, undefined]. */
export function splitControlName(name: string): [string, string | undefined] {
  const i = name.indexOf(':');
  return i < 0 ? [name, undefined] : [name.slice(0, i), name.slice(i + 1)];
}
