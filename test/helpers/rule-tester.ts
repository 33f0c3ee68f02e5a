/**
 * @fileoverview RuleTester for mqtt-audit rules (after ESLint's): one rule over in-memory facts, through the real
 * engine and audit pipeline; valid cases must yield nothing, invalid cases exactly the findings listed, with their
 * message, severity (so the variant) and place. Facts are frozen first, so a check that mutates them fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditBatch } from '../../src/audit/audit.js';
import type { Finding, Severity } from '../../src/model/types.js';
import { DEFAULT_SETTINGS, type RuleSettings } from '../../src/rules/context.js';
import { loadCatalog } from '../../src/rules/load.js';
import type { AuditFacts } from '../../src/rules/subjects.js';
import { CWD } from './facts.js';

const catalog = loadCatalog();

/** One expected finding: the message in full; the severity when a variant changes it; where it points. */
export interface Expected {
  message: string;
  severity?: Severity;
  /** The line (and path, default mosquitto.conf) of a file finding. */
  line?: number;
  path?: string;
  column?: number;
  /** host:port of a network finding. */
  target?: string;
  /** Checked when given: a subset of the evidence. */
  evidence?: Record<string, unknown>;
}

/** One case: a sentence saying the behaviour, the facts, and (for invalid cases) the findings. */
export interface Case {
  name: string;
  facts: AuditFacts;
  settings?: Partial<RuleSettings>;
}

/** A case in which the rule fires. */
export interface InvalidCase extends Case {
  findings: Expected[];
}

/** Freeze plain objects and arrays deeply (Maps and crypto objects are left as they are). */
function deepFreeze<T>(v: T, seen = new Set<unknown>()): T {
  if (v === null || typeof v !== 'object' || seen.has(v)) return v;
  seen.add(v);
  if (v instanceof Map) {
    for (const [k, x] of v) {
      deepFreeze(k, seen);
      deepFreeze(x, seen);
    }
    return v;
  }
  if (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) return v;
  for (const x of Object.values(v as object)) deepFreeze(x, seen);
  return Object.freeze(v);
}

/** Run one rule on the facts of a case. */
export function findingsOf(ruleId: string, c: Case): Finding[] {
  const rule = catalog.get(ruleId);
  assert.ok(rule, `no rule ${ruleId}`);
  const settings: RuleSettings = { now: new Date(), ...DEFAULT_SETTINGS, ...c.settings };
  return auditBatch(deepFreeze(c.facts), [rule], settings, CWD, { group: false }).filter((f) => !f.suppressed);
}

const place = (f: Finding) => (f.target ? `${f.target.host.includes(':') ? `[${f.target.host}]` : f.target.host}:${f.target.port}` : `${f.location?.path}:${f.location?.line}`);

/** Register node:test tests for a rule: every valid case yields nothing, every invalid case exactly its findings. */
export function ruleTester(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, `${ruleId}: at least one valid and one invalid case`);
  for (const c of cases.valid) {
    test(`${ruleId}: valid: ${c.name}`, () => {
      assert.deepEqual(findingsOf(ruleId, c).map((f) => `${place(f)} ${f.message}`), []);
    });
  }
  const rule = catalog.get(ruleId)!;
  for (const c of cases.invalid) {
    test(`${ruleId}: invalid: ${c.name}`, () => {
      const got = findingsOf(ruleId, c);
      assert.equal(got.length, c.findings.length, `findings: ${got.map((f) => `${place(f)} ${f.message}`).join(' | ')}`);
      c.findings.forEach((e, i) => {
        const f = got[i];
        assert.equal(f.message, e.message);
        assert.equal(f.severity, e.severity ?? rule.severity, `severity of "${f.message}"`);
        if (e.target !== undefined) assert.equal(place(f), e.target);
        if (e.line !== undefined) assert.equal(`${f.location?.path}:${f.location?.line}`, `${e.path ?? 'mosquitto.conf'}:${e.line}`);
        if (e.column !== undefined) assert.equal(f.location?.column, e.column);
        if (e.evidence) for (const [k, v] of Object.entries(e.evidence)) assert.deepEqual(f.evidence?.[k], v, `evidence.${k}`);
        assert.doesNotMatch(f.message, /\{[A-Za-z][\w.]*\}/, 'unfilled placeholder');
      });
    });
  }
}
