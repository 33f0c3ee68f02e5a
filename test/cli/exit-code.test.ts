/** @fileoverview Exit codes 0/1 as a pure function of the result, --fail-on and the baseline. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCode } from '../../src/cli/exit-code.js';
import type { Finding, Result, Severity } from '../../src/model/types.js';

const f = (severity: Severity, extra: Partial<Finding> = {}): Finding => ({ ruleId: 'conf.x', severity, title: 't', message: 'm', location: { path: 'a', line: 1 }, fingerprint: '0'.repeat(32), ...extra });
const r = (...findings: Finding[]): Result => ({ tool: { name: 'mqtt-audit', version: '0.0.0' }, command: 'lint', startedAt: '', finishedAt: '', targets: [], files: [], findings, summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } });

const rows: [string, Result, Parameters<typeof exitCode>[1], boolean, 0 | 1][] = [
  ['no findings', r(), 'high', false, 0],
  ['a high finding fails --fail-on high', r(f('high')), 'high', false, 1],
  ['a medium finding passes --fail-on high', r(f('medium')), 'high', false, 0],
  ['a medium finding fails --fail-on medium', r(f('medium')), 'medium', false, 1],
  ['critical fails --fail-on info', r(f('critical')), 'info', false, 1],
  ['--fail-on none never fails', r(f('critical')), 'none', false, 0],
  ['suppressed findings never fail', r(f('critical', { suppressed: { kind: 'inline', reason: 'x' } })), 'high', false, 0],
  ['absent findings never fail', r(f('critical', { baselineState: 'absent' })), 'info', true, 0],
  ['with a baseline only new findings fail', r(f('critical', { baselineState: 'unchanged' })), 'high', true, 0],
  ['with a baseline a new finding fails', r(f('high', { baselineState: 'new' })), 'high', true, 1],
];
for (const [name, result, failOn, baseline, code] of rows) test(`exit code: ${name}`, () => assert.equal(exitCode(result, failOn, baseline), code));
