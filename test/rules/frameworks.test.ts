/** @fileoverview The frameworks of rules/frameworks/ (docs/compliance.md): valid data, real rule ids, mappings visible where users read rules, generated docs in step. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rulesText } from '../../src/cli/commands/rules.js';
import { controlsByRule, loadFrameworks } from '../../src/rules/frameworks.js';
import { loadCatalog } from '../../src/rules/load.js';
import { BENCHMARK_DOC, FRAMEWORKS_DOC, RULES_DOC, benchmarkDoc, frameworksDoc } from '../../scripts/build-docs.js';

const frameworks = loadFrameworks();
const catalog = loadCatalog();

test('the frameworks issue 12 asks for are shipped, each valid against framework.schema.json', () => {
  const ids = frameworks.map((f) => f.id);
  for (const id of ['etsi-en-303-645', 'iec-62443-3-3', 'nist-800-53', 'owasp-iot-2018', 'cra-annex-i', 'mosquitto-benchmark']) assert.ok(ids.includes(id), `${id} is missing`);
});

test('every control id is unique within its framework, and every rule id a control names is a real rule', () => {
  for (const f of frameworks) {
    const seen = new Set<string>();
    for (const c of f.controls) {
      assert.ok(!seen.has(c.id), `${f.id}: control ${c.id} twice`);
      seen.add(c.id);
      for (const r of c.rules ?? []) assert.ok(catalog.get(r), `${f.id} ${c.id}: no rule ${r}`);
    }
  }
});

test('every mapping of a rule is visible in `mqtt-audit rules` and in docs/rules.md', () => {
  const text = rulesText(catalog.rules);
  const doc = readFileSync(RULES_DOC, 'utf8');
  for (const [rule, controls] of controlsByRule()) {
    const section = doc.slice(doc.indexOf(`## ${rule}\n`), doc.indexOf('\n## ', doc.indexOf(`## ${rule}\n`) + 3));
    for (const c of controls) {
      assert.ok(section.includes(c), `docs/rules.md ${rule} does not name ${c}`);
      const block = text.slice(text.indexOf(`${rule} `), text.indexOf('\n\n', text.indexOf(`${rule} `)));
      assert.ok(block.includes(c), `mqtt-audit rules: ${rule} does not name ${c}`);
    }
  }
});

test('the benchmark: every recommendation has a level, a profile, a rationale, a remediation, a default and references; its rules can run in its profile', () => {
  const b = frameworks.find((f) => f.id === 'mosquitto-benchmark')!;
  for (const c of b.controls) {
    for (const k of ['level', 'profile', 'rationale', 'remediation', 'default'] as const) assert.ok(c[k] !== undefined, `${c.id}: ${k} is missing`);
    assert.ok(c.references?.length, `${c.id}: no references`);
    const by = c.profile === 'config' ? 'lint' : 'scan';
    for (const r of c.rules ?? []) assert.ok(catalog.get(r)!.foundBy.includes(by), `${c.id} (${c.profile}): ${r} is not found by ${by}`);
  }
});

test('docs/benchmark.md and docs/frameworks.md are generated from the data and up to date (npm run docs)', () => {
  assert.equal(readFileSync(BENCHMARK_DOC, 'utf8'), benchmarkDoc(), 'docs/benchmark.md is stale: run npm run docs');
  assert.equal(readFileSync(FRAMEWORKS_DOC, 'utf8'), frameworksDoc(), 'docs/frameworks.md is stale: run npm run docs');
});
