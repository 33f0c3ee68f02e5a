/** @fileoverview The lint-fixture harness: copy a fixture folder out of git, add the test PKI, read `# expect:` markers, lint. */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { nextNonCommentLine } from '../../src/lint/parse/suppressions.js';
import { runLint } from './lint.js';
import type { Result, Rule } from '../../src/model/types.js';
import { makePki } from './pki.js';

/** One expected finding: `# expect: rule.id` applies to the next non-comment line. */
export interface Expectation {
  ruleId: string;
  path: string;
  line: number;
  /** The file that holds an `# expect-at:` marker (it counts when that file took part). */
  from?: string;
}

let pkiDir: string | undefined;

/** The test PKI, generated once per process. */
export function testPki(): string {
  pkiDir ??= makePki(mkdtempSync(join(tmpdir(), 'mqtt-audit-pki-')));
  return pkiDir;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Top-level fixture files the harness runs one by one; other files support them. */
export const RUN_FILE = /^(bad|good)[^/]*\.(conf|acl|passwd)$/;

/**
 * Copy a fixture folder to a temporary folder outside git (so file modes count), with the PKI under certs/, and apply
 * `# fixture-mode: FILE MODE` lines of the run file and of supporting files (not of the other run files).
 */
export function stageFixture(dir: string, runFile: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'mqtt-audit-fx-'));
  cpSync(dir, tmp, { recursive: true });
  cpSync(testPki(), join(tmp, 'certs'), { recursive: true });
  for (const f of walk(tmp)) {
    if (f.includes(`${join(tmp, 'certs')}/`)) continue;
    const rel = relative(tmp, f);
    if (rel !== runFile && RUN_FILE.test(rel)) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(/^# fixture-mode: (\S+) ([0-7]{3,4})$/gm)) chmodSync(join(tmp, m[1]), parseInt(m[2], 8));
  }
  return tmp;
}

/** Read every `# expect:` marker under a staged folder (paths relative to it). */
export function readExpectations(tmp: string): Expectation[] {
  const out: Expectation[] = [];
  for (const f of walk(tmp)) {
    if (f.includes(`${join(tmp, 'certs')}/`)) continue;
    const lines = readFileSync(f, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
    lines.forEach((l, i) => {
      // `# expect: ID` marks the next line that is not a comment; `# expect-comment: ID` the comment line right after.
      // `# expect-at: FILE:LINE ID` marks a line of a file that cannot hold comments (a JSON file), relative to the folder.
      const at = /^# expect-at: (\S+):(\d+) (.+)$/.exec(l);
      if (at) {
        for (const id of at[3].split(',').map((s) => s.trim())) out.push({ ruleId: id, path: at[1], line: Number(at[2]), from: relative(tmp, f) });
        return;
      }
      const m = /^# expect(-comment)?: (.+)$/.exec(l);
      if (!m) return;
      const line = m[1] ? i + 2 : nextNonCommentLine(lines, i);
      if (line === undefined) throw new Error(`${f}:${i + 1}: an expect marker with no line after it`);
      for (const id of m[2].split(',').map((s) => s.trim())) out.push({ ruleId: id, path: relative(tmp, f), line });
    });
  }
  return out;
}

/** Options a fixture file can ask for with `# fixture-acl-admin: user`. */
export function fixtureSettings(text: string): { adminUsers: string[] } {
  const m = /^# fixture-acl-admin: (.+)$/m.exec(text);
  return { adminUsers: m ? m[1].split(',').map((s) => s.trim()) : [] };
}

/** The mosquitto version a fixture asks for with `# fixture-mosquitto-version: 1.6` (as --mosquitto-version). */
export function fixtureVersion(text: string): string | undefined {
  return /^# fixture-mosquitto-version: (\S+)$/m.exec(text)?.[1];
}

/** Lint one staged fixture file as a config, an ACL file or a password file, from inside the staged folder. */
export function lintFixture(tmp: string, file: string, rules: Rule[]): Result {
  const abs = join(tmp, file);
  const kind = file.endsWith('.acl') ? 'acl' : file.endsWith('.passwd') ? 'passwd' : 'conf';
  const text = readFileSync(abs, 'utf8');
  const settings = { now: new Date(), expiryDays: 30, ...fixtureSettings(text) };
  return runLint(
    { paths: kind === 'conf' ? [abs] : [], acl: kind === 'acl' ? [abs] : [], passwd: kind === 'passwd' ? [abs] : [], root: tmp, fileModes: 'check', cwd: tmp, mosquittoVersion: fixtureVersion(text) },
    rules,
    settings,
    '0.0.0',
  );
}
