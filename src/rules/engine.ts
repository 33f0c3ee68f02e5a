/** @fileoverview Rules × facts → findings: run checks and declarative rules, render messages, fingerprint, sort. */
import { createHash } from 'node:crypto';
import type { Finding, Hit, Location, Rule, Severity } from '../model/types.js';
import { isSecretKeyword } from '../lint/keywords.js';
import type { RuleContext } from './context.js';
import { CHECKS } from './checks/index.js';
import { factsOf, matches } from './match.js';

/** Severities, most severe first; the index is the rank. */
export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** SARIF security-severity defaults (HARDENING.md §5: avoid boundary values). */
export const DEFAULT_SECURITY_SEVERITY: Record<Severity, number | undefined> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0, info: undefined };

/** Run the given rules over the context; findings sorted by severity, rule id, location. */
export function runRules(rules: Rule[], ctx: RuleContext, lineText: (path: string, line: number) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.deprecated) continue;
    for (const hit of hitsOf(rule, ctx)) findings.push(toFinding(rule, hit, lineText));
  }
  dedupeFingerprints(findings);
  return findings;
}

function* hitsOf(rule: Rule, ctx: RuleContext): Iterable<Hit> {
  if (rule.check === 'code') {
    const check = CHECKS[rule.id];
    if (check) yield* check(ctx);
    return;
  }
  if (!rule.subject || !rule.when) return;
  const named = factsOf(rule.when);
  for (const s of ctx.subjects(rule.subject)) {
    if (!matches(rule.when, s.facts)) continue;
    const at = (rule.at ? s.locate(rule.at) : undefined) ?? named.map((f) => s.locate(f)).find(Boolean) ?? s.anchor;
    const data: Hit['data'] = {};
    for (const [k, v] of Object.entries(s.facts)) data[k] = Array.isArray(v) ? v.join(' ') : v;
    yield { at, data };
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
