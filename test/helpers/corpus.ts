/** @fileoverview The corpus of real-world-shaped setups (fixtures/corpus): lint each as a first-time user would, and compare with its markers. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nextNonCommentLine } from '../../src/lint/parse/suppressions.js';
import { loadCatalog } from '../../src/rules/load.js';
import type { Finding, Severity } from '../../src/model/types.js';
import { runLint } from './lint.js';
import { FIXTURES } from './paths.js';

export const CORPUS = join(FIXTURES, 'corpus');

/** One setup's first run: every finding (repeated ones counted once, as reported), which were marked, which markers were missed. */
export interface SetupRun {
  setup: string;
  findings: Finding[];
  signal: Finding[];
  noise: Finding[];
  missed: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** `ruleId path:line` of every marker of a setup (`# expect:` lines and EXPECT.json). */
export function markers(dir: string): Set<string> {
  const out = new Set<string>();
  for (const f of walk(dir)) {
    const rel = relative(dir, f);
    if (rel === 'EXPECT.json') {
      for (const e of JSON.parse(readFileSync(f, 'utf8')) as { ruleId: string; path: string; line: number }[]) out.add(`${e.ruleId} ${e.path}:${e.line}`);
      continue;
    }
    const lines = readFileSync(f, 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = /^# expect: (.+)$/.exec(l);
      const line = m ? nextNonCommentLine(lines, i) : undefined;
      if (m && line) for (const id of m[1].split(',').map((s) => s.trim())) out.add(`${id} ${rel}:${line}`);
    });
  }
  return out;
}

/** Lint one setup as `mqtt-audit lint SETUP` does (a directory argument: the repository), default settings. */
export function runSetup(setup: string): SetupRun {
  const dir = join(CORPUS, setup);
  const res = runLint({ paths: [dir], cwd: dir }, loadCatalog().rules);
  const marked = markers(dir);
  const places = (f: Finding) => [f.location, ...(f.related ?? [])].filter(Boolean).map((l) => `${f.ruleId} ${l!.path}:${l!.line}`);
  const findings = res.findings.filter((f) => !f.suppressed);
  const signal = findings.filter((f) => places(f).some((p) => marked.has(p)));
  const found = new Set(findings.flatMap(places));
  return { setup, findings, signal, noise: findings.filter((f) => !signal.includes(f)), missed: [...marked].filter((m) => !found.has(m)) };
}

/** Every setup of the corpus. */
export function setups(): string[] {
  return readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n)) && statSync(join(CORPUS, n)).isDirectory()).sort();
}

/** Counts by severity. */
export function bySeverity(fs: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of fs) out[f.severity]++;
  return out;
}
