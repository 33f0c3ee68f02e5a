/** @fileoverview Repeated findings of one rule in one file are one finding with all their lines (docs/lint.md, "Repeated findings"). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditBatch } from '../../src/audit/audit.js';
import { buildResult } from '../../src/audit/result.js';
import { formatSarif } from '../../src/report/sarif.js';
import { loadCatalog } from '../../src/rules/load.js';
import { DEFAULT_SETTINGS } from '../../src/rules/context.js';
import { CWD, confFacts } from '../helpers/facts.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';

const catalog = loadCatalog();
const rules = catalog.rules.filter((r) => ['conf.deprecated-option', 'conf.unknown-option'].includes(r.id));
const settings = { now: new Date('2026-12-01T00:00:00Z'), ...DEFAULT_SETTINGS };
const opts = Array.from({ length: 23 }, (_, i) => `auth_opt_option_${i} value${i}\n`).join('');

test('23 auth_opt_* lines of one file are one deprecated-option finding with 22 related lines', () => {
  const facts = confFacts(`listener 1883 127.0.0.1\nauth_plugin /usr/lib/go-auth.so\n${opts}`);
  const findings = auditBatch({ config: facts }, rules, settings, CWD).filter((f) => f.ruleId === 'conf.deprecated-option');
  // auth_plugin (line 2) and the 23 options (lines 3–25): one finding at line 2 naming the others.
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f.location?.line, 2);
  assert.equal(f.related?.length, 23);
  assert.deepEqual(f.related?.map((r) => r.line), Array.from({ length: 23 }, (_, i) => i + 3));
  assert.match(f.message, /^auth_plugin is deprecated: use plugin \(and 23 more in this file: lines 3, 4, 5, 6, 7, 8, 9, 10, …\)$/);
  assert.equal(f.related?.[0].message, 'auth_opt_option_0 is deprecated: use plugin_opt_*');
});

test('a suppressed line stays apart; the rest are still one finding; different rules never merge', () => {
  const facts = confFacts(`listener 1883 127.0.0.1\nauth_plugin /p.so\n# mqtt-audit: ignore conf.deprecated-option -- migrating in Q3\nauth_opt_a 1\nauth_opt_b 2\nauth_opt_c 3\nlistenr 1884\nlistnr 1885\n`);
  const findings = auditBatch({ config: facts }, rules, settings, CWD);
  const dep = findings.filter((f) => f.ruleId === 'conf.deprecated-option');
  assert.deepEqual(dep.map((f) => [f.location?.line, !!f.suppressed, f.related?.map((r) => r.line) ?? []]), [[2, false, [5, 6]], [4, true, []]].sort((a, b) => Number(a[0]) - Number(b[0])));
  const unknown = findings.filter((f) => f.ruleId === 'conf.unknown-option');
  assert.equal(unknown.length, 1);
  assert.deepEqual(unknown[0].related?.map((r) => r.line), [8]);
});

test('a grouped finding is valid JSON-result and SARIF, with relatedLocations', () => {
  const facts = confFacts(`listener 1883 127.0.0.1\nauth_plugin /p.so\nauth_opt_a 1\nauth_opt_b 2\n`);
  const findings = auditBatch({ config: facts }, rules, settings, CWD);
  const result = buildResult({ command: 'lint', version: '1.0.0', startedAt: settings.now, files: [], findings, targets: [] });
  assert.deepEqual(resultErrors(JSON.parse(JSON.stringify(result))), []);
  const sarif = JSON.parse(formatSarif(result, catalog)) as { runs: { results: { relatedLocations?: { id: number; physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  assert.deepEqual(sarifErrors(sarif), []);
  const related = sarif.runs[0].results[0].relatedLocations ?? [];
  assert.deepEqual(related.map((r) => [r.id, r.physicalLocation.region.startLine]), [[1, 3], [2, 4]]);
});

test('only findings of one kind merge: another variant, another file kind or a rule that does not group stays apart', () => {
  const all = catalog.rules;
  const psk = confFacts('listener 8883\npsk_hint b\npsk_file psk\n', { psk: { psk: 'a:a1b2\nb:0xzz\nc:c3d4\nd:0x11\n' } });
  const weak = auditBatch({ config: psk }, all.filter((r) => r.id === 'psk.weak-key'), settings, CWD);
  assert.deepEqual(weak.map((f) => [f.location?.line, f.related?.map((r) => r.line) ?? []]), [[1, [3]], [2, [4]]]);
  const missing = confFacts('listener 8883\ncertfile /etc/mosquitto/a.crt\nkeyfile /etc/mosquitto/a.key\ncafile /etc/mosquitto/ca.crt\nplugin /usr/lib/mosquitto_dynamic_security.so\nplugin_opt_config_file /var/lib/mosquitto/ds.json\n', { root: '/repo' });
  const refs = auditBatch({ config: missing }, all.filter((r) => r.id === 'conf.referenced-file-missing'), settings, CWD);
  // certfile, keyfile, cafile and the dynsec file are four kinds of file: four findings.
  assert.equal(refs.length, 4);
  assert.ok(refs.every((f) => !f.related));
});
