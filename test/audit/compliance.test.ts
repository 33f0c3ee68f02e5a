/** @fileoverview Compliance statuses (docs/compliance.md, "Statuses"): fail on a finding, pass only when a rule ran on something, never pass by default; merging parts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assess, failedGateControls, mergeCompliance } from '../../src/audit/compliance.js';
import type { Finding, Framework, Result } from '../../src/model/types.js';

const FW: Framework = {
  id: 'demo',
  title: 'Demo framework',
  version: '1',
  source: 'https://example.org/demo',
  description: 'A framework for tests.',
  controls: [
    { id: 'A', title: 'No anonymous access', requirement: 'Clients must authenticate.', rules: ['mqtt.anonymous-access', 'conf.anonymous-network-listener'] },
    { id: 'B', title: 'Encrypt traffic', requirement: 'Traffic must be encrypted.', rules: ['conf.plaintext-network-listener'] },
    { id: 'C', title: 'Patch', requirement: 'Run a supported version.', rules: ['mqtt.vulnerable-version'] },
    { id: 'D', title: 'Policy', requirement: 'Have a written policy.', manual: 'Ask for the policy document.' },
  ],
};

const finding = (ruleId: string, fingerprint: string, extra: Partial<Finding> = {}): Finding => ({ ruleId, severity: 'high', title: ruleId, message: ruleId, fingerprint, ...extra });
const status = (r: ReturnType<typeof assess>) => Object.fromEntries(r[0].controls.map((c) => [c.id, c.status]));

test('fail with a finding, pass only when a mapped rule judged something, not-assessed when none could, manual without rules', () => {
  const r = assess([FW], [finding('conf.anonymous-network-listener', 'a1')], new Set(['conf.anonymous-network-listener', 'conf.plaintext-network-listener']));
  assert.deepEqual(status(r), { A: 'fail', B: 'pass', C: 'not-assessed', D: 'manual' });
  assert.deepEqual(r[0].controls[0].findings, ['a1']);
  assert.deepEqual(r[0].summary, { pass: 1, fail: 1, 'not-assessed': 1, manual: 1 });
});

test('never pass by default: a lint run with nothing to judge leaves every control not assessed', () => {
  assert.deepEqual(status(assess([FW], [], new Set())), { A: 'not-assessed', B: 'not-assessed', C: 'not-assessed', D: 'manual' });
});

test('suppressed findings and findings fixed since the baseline do not fail a control', () => {
  const fs = [finding('conf.plaintext-network-listener', 'p1', { suppressed: { kind: 'inline', reason: 'lab only' } }), finding('conf.plaintext-network-listener', 'p2', { baselineState: 'absent' })];
  assert.equal(status(assess([FW], fs, new Set(['conf.plaintext-network-listener']))).B, 'pass');
});

const part = (findings: Finding[], applied: string[]): Result => ({
  tool: { name: 'mqtt-audit', version: '1.0.0' }, command: 'lint', startedAt: '2026-12-01T00:00:00Z', finishedAt: '2026-12-01T00:00:01Z',
  targets: [], files: [], findings, summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, compliance: assess([FW], findings, new Set(applied)),
});

test('merged parts: fail if any part failed, pass if one passed and none failed, else not assessed', () => {
  const lint = part([], ['conf.anonymous-network-listener', 'conf.plaintext-network-listener']);
  const scan = part([finding('mqtt.anonymous-access', 's1')], ['mqtt.anonymous-access', 'mqtt.vulnerable-version']);
  const merged = mergeCompliance([FW], [lint, scan]);
  assert.deepEqual(Object.fromEntries(merged[0].controls.map((c) => [c.id, c.status])), { A: 'fail', B: 'pass', C: 'pass', D: 'manual' });
  assert.deepEqual(merged[0].controls[0].findings, ['s1']);
  // An input made without --compliance shows only its failures.
  const bare = { ...part([], ['conf.plaintext-network-listener']), compliance: undefined };
  assert.equal(mergeCompliance([FW], [bare])[0].controls[1].status, 'not-assessed');
});

test('--fail-on-control names a control or a whole framework', () => {
  const r = assess([FW], [finding('conf.anonymous-network-listener', 'a1')], new Set(['conf.anonymous-network-listener']));
  assert.deepEqual(failedGateControls(r, ['demo:A']), ['demo:A']);
  assert.deepEqual(failedGateControls(r, ['demo:B']), []);
  assert.deepEqual(failedGateControls(r, ['demo']), ['demo:A']);
});
