/** @fileoverview The engine: for each rule, walk the subjects it names and call its check (or match its `when:`) once per subject; hits → findings with rendered messages and fingerprints. */
import { createHash } from 'node:crypto';
import { isSecretKeyword } from '../common/keywords.js';
import { sortFindings } from '../common/findings.js';
import type { Finding, Hit, Location, Rule, SubjectKind } from '../model/types.js';
import type { CheckContext } from './context.js';
import { CHECKS } from './checks/index.js';
import { DECLARATIVE_SUBJECTS, factView } from './declarative.js';
import { causeOf, matches } from './match.js';
import { ruleApplies } from './applicability.js';
import type { SubjectIndex, Subjects } from './subjects.js';

/** The hidden property of a finding that says which others it may merge with (rules with `group: per-file`). */
export const GROUP_KEY = Symbol('mqtt-audit.group');

/** The subject kinds a rule walks. */
export function subjectKinds(rule: Rule): SubjectKind[] {
  return Array.isArray(rule.subject) ? rule.subject : [rule.subject];
}

/** Run the given rules over one batch's subjects; `lineText` gives the text of a shown file's line (fingerprints, snippets). */
export function runRules(
  rules: Rule[],
  subjects: SubjectIndex,
  ctx: CheckContext,
  lineText: (path: string, line: number) => string | undefined,
  /** Filled with the ids of the rules that had something to judge (compliance: a rule that ran on nothing proves nothing). */
  applied?: Set<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.deprecated) continue;
    for (const hit of hitsOf(rule, subjects, ctx, () => applied?.add(rule.id))) findings.push(toFinding(rule, hit, lineText));
  }
  dedupeFingerprints(findings);
  return findings;
}

/** Every hit of one rule: its check per subject, or its condition per subject; a subject counts only when the rule is found by the subject's source. */
export function* hitsOf(rule: Rule, subjects: SubjectIndex, ctx: CheckContext, onSubject?: () => void): Iterable<Hit> {
  const check = rule.check === 'code' ? CHECKS[rule.id] : undefined;
  for (const kind of subjectKinds(rule)) {
    const visit = check?.[kind] as ((s: Subjects[typeof kind], c: CheckContext) => Iterable<Hit>) | undefined;
    if (rule.check === 'code' && !visit) continue;
    for (const s of subjects.of(kind)) {
      if (!rule.foundBy.includes(s.source)) continue;
      if (onSubject && ruleApplies(rule.id, kind, s)) onSubject();
      if (visit) yield* visit(s, ctx);
      else if (rule.when && (DECLARATIVE_SUBJECTS as readonly string[]).includes(kind)) {
        const view = factView(kind as (typeof DECLARATIVE_SUBJECTS)[number], s as never, ctx);
        if (!matches(rule.when, view.facts)) continue;
        const locate = (fact: string) => {
          const ds = view.where.get(fact);
          return ds?.length ? ctx.loc(ds[ds.length - 1]) : undefined;
        };
        const cause = causeOf(rule.when, view.facts, view.where);
        const at = (rule.at ? locate(rule.at) : undefined) ?? (cause ? ctx.loc(cause) : undefined) ?? view.anchor.at;
        const data: Hit['data'] = {};
        for (const [k, v] of Object.entries(view.facts)) data[k] = Array.isArray(v) ? v.join(' ') : v;
        yield { ...view.anchor, ...(at ? { at } : {}), data };
      }
    }
  }
}

function toFinding(rule: Rule, hit: Hit, lineText: (path: string, line: number) => string | undefined): Finding {
  const variant = hit.variant ? rule.variants?.[hit.variant] : undefined;
  const where = hit.target ? `${hit.target.host}:${hit.target.port}` : hit.at?.path ?? '';
  const key = hit.key ?? (hit.at && !hit.target ? normalise(lineText(hit.at.path, hit.at.line) ?? `line ${hit.at.line}`) : '');
  const f: Finding = {
    ruleId: rule.id,
    severity: variant?.severity ?? rule.severity,
    title: rule.title,
    message: render(variant?.message ?? rule.message, hit.data ?? {}),
    ...(hit.target ? { target: hit.target } : {}),
    ...(hit.at ? { location: withSnippet(hit.at, hit.target ? undefined : lineText(hit.at.path, hit.at.line)) } : {}),
    ...(hit.evidence ? { evidence: hit.evidence } : {}),
    fingerprint: createHash('sha256').update(`${rule.id}\0${where}\0${key}`).digest('hex').slice(0, 32),
  };
  // Which findings may merge (src/audit/group.ts): a hidden property, never part of the JSON result.
  if (rule.group === 'per-file') Object.defineProperty(f, GROUP_KEY, { value: `${rule.id}\0${hit.variant ?? ''}\0${hit.group ?? ''}`, enumerable: false });
  return f;
}

/** Fill `{name}` and `{name|fallback}` placeholders. */
export function render(template: string, data: NonNullable<Hit['data']>): string {
  return template.replace(/\{([A-Za-z][\w.]*)(?:\|([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    const v = data[name];
    // NOTE: a placeholder without data and without a fallback stays visible, so tests catch it.
    if (v === undefined || v === '') return fallback ?? `{${name}}`;
    return String(v);
  });
}

/** The placeholders a message template names. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][\w.]*)(?:\|[^}]*)?\}/g)].map((m) => m[1]);
}

/** Longer lines are cut in reports. */
const SNIPPET_MAX = 200;

function withSnippet(at: Location, text: string | undefined): Location {
  if (text === undefined || at.snippet !== undefined) return at;
  const masked = maskSecret(text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ').trimEnd());
  return { ...at, snippet: masked.length > SNIPPET_MAX ? `${masked.slice(0, SNIPPET_MAX)}…` : masked };
}

/** A config or password-file line with its secret value masked (the value after the keyword, or after `user:`). */
export function maskSecret(line: string): string {
  const kw = /^(\s*)(\S+)(\s+)(.*)$/.exec(line);
  if (kw && isSecretKeyword(kw[2])) return `${kw[1]}${kw[2]}${kw[3]}<redacted>`;
  return line;
}

/** Whitespace-folded line text for fingerprints, with the value of anything that looks like a secret masked. */
function normalise(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  // NOTE: a fingerprint is a hash, and a hash of a short password can be reversed: never hash a secret.
  const kw = t.split(' ')[0];
  return isSecretKeyword(kw) && t.includes(' ') ? `${kw} <redacted>` : t;
}

/** Two findings with the same fingerprint (the same line text twice) get an occurrence suffix, in location order. */
function dedupeFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of sortFindings([...findings])) {
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    if (n > 0) f.fingerprint = `${f.fingerprint}:${n}`;
  }
}
