/** @fileoverview Inline suppression: next non-comment line, whole file, reasons required, exp: dates lapse. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions } from '../../src/audit/suppressions.js';
import { parseSuppressions } from '../../src/lint/parse/suppressions.js';
import { AuditError } from '../../src/common/errors.js';
import type { Finding } from '../../src/model/types.js';

const finding = (ruleId: string, line: number): Finding => ({ ruleId, severity: 'high', title: 't', message: 'm', location: { path: 'm.conf', line }, fingerprint: '0'.repeat(32) });

test('ignore applies to the next non-comment line; ignore-file to the whole file; exp lapses', () => {
  const lines = [
    '# mqtt-audit: ignore conf.a,conf.b -- lab broker',
    '# another comment',
    'listener 1883',
    '# mqtt-audit: ignore-file tls. -- certificates rotate weekly',
    '# mqtt-audit: ignore conf.c exp:2020-01-01 -- lapsed',
    'allow_anonymous true',
  ];
  const sups = parseSuppressions('m.conf', lines);
  assert.deepEqual(sups.map((s) => [s.kind, s.line ?? null, s.ids.join(' '), s.reason]), [
    ['inline', 3, 'conf.a conf.b', 'lab broker'],
    ['file', null, 'tls.', 'certificates rotate weekly'],
    ['inline', 6, 'conf.c', 'lapsed'],
  ]);
  const fs = [finding('conf.a', 3), finding('conf.b', 3), finding('conf.a', 6), finding('tls.weak-key', 6), finding('conf.c', 6)];
  applySuppressions(fs, sups, new Date('2026-11-28'));
  assert.deepEqual(fs.map((f) => f.suppressed?.kind ?? null), ['inline', 'inline', null, 'file', null]);
});

test('a suppression without a reason, with a bad id or a bad date is an error naming file:line', () => {
  for (const [text, msg] of [
    ['# mqtt-audit: ignore conf.a', /needs a reason/],
    ['# mqtt-audit: ignore conf.a --   ', /needs a reason/],
    ['# mqtt-audit: ignore Conf_A -- x', /not a rule id/],
    ['# mqtt-audit: ignore conf.a exp:2026-13-45 -- x', /not a date/],
    ['# mqtt-audit: ignore conf.a exp:tomorrow -- x', /YYYY-MM-DD/],
    ['# mqtt-audit: silence conf.a -- x', /unknown mqtt-audit directive/],
  ] as const) {
    assert.throws(() => parseSuppressions('m.conf', ['x', text, 'listener 1']), (e: unknown) => e instanceof AuditError && /^m\.conf:2: /.test(e.message) && msg.test(e.message), text);
  }
});

test('an id ending in a hyphen is a prefix, as one ending in a dot is', () => {
  const sups = parseSuppressions('m.conf', ['# mqtt-audit: ignore-file conf.max- -- limits come from the container', 'max_connections -1']);
  assert.deepEqual(sups.map((s) => s.ids), [['conf.max-']]);
  const fs = [finding('conf.max-connections-unlimited', 2), finding('conf.max-keepalive', 2), finding('conf.maxim', 2), finding('conf.run-as-root', 2)];
  applySuppressions(fs, sups, new Date('2026-11-28'));
  assert.deepEqual(fs.map((f) => f.suppressed?.kind ?? null), ['file', 'file', null, null]);
});
