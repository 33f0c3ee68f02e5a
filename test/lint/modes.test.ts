/** @fileoverview File modes in --file-modes auto: judged except for files git tracks; etckeeper trees are judged (docs/lint.md, "Linting a repository"). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modeIsReal } from '../../src/lint/modes.js';
import { runLint } from '../helpers/lint.js';
import { loadCatalog } from '../../src/rules/load.js';

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

function workTree(etckeeper = false): string {
  const top = mkdtempSync(join(tmpdir(), 'mqtt-audit-modes-'));
  git(top, 'init', '-q');
  writeFileSync(join(top, 'mosquitto.conf'), 'listener 1883 127.0.0.1\npassword_file passwd\nacl_file acl\n');
  writeFileSync(join(top, 'passwd'), 'alice:$7$101$c2FsdHNhbHRzYWx0$aGFzaA==\n');
  writeFileSync(join(top, 'acl'), 'user alice\ntopic read a/#\n');
  writeFileSync(join(top, '.gitignore'), 'passwd\n');
  if (etckeeper) mkdirSync(join(top, '.etckeeper'));
  git(top, 'add', 'mosquitto.conf', 'acl', '.gitignore');
  git(top, 'commit', '-qm', 'config');
  chmodSync(join(top, 'passwd'), 0o644);
  chmodSync(join(top, 'acl'), 0o666);
  return top;
}

test('in a git work tree a tracked file has no meaningful mode; an ignored one has', () => {
  const top = workTree();
  assert.equal(modeIsReal(join(top, 'acl')), false);
  assert.equal(modeIsReal(join(top, 'passwd')), true);
  const rules = loadCatalog().rules.filter((r) => r.id.endsWith('file-permissions'));
  const res = runLint({ paths: [top], cwd: top }, rules);
  assert.deepEqual(res.findings.map((f) => f.ruleId), ['passwd.file-permissions']);
});

test('an etckeeper-managed tree keeps modes: tracked files are judged too', () => {
  const top = workTree(true);
  assert.equal(modeIsReal(join(top, 'acl')), true);
  const rules = loadCatalog().rules.filter((r) => r.id.endsWith('file-permissions'));
  const res = runLint({ paths: [top], cwd: top }, rules);
  assert.deepEqual(res.findings.map((f) => f.ruleId).sort(), ['acl.file-permissions', 'passwd.file-permissions']);
});

test('outside git every mode is real', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-nogit-'));
  writeFileSync(join(dir, 'acl'), 'topic read a\n');
  assert.equal(modeIsReal(join(dir, 'acl')), true);
});
