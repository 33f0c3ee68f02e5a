/** @fileoverview The docs' commands are real: every option they use exists for its command, and the CI commands run as written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIONS, type CommandName } from '../src/cli/options.js';
import { runCli } from './helpers/cli.js';
import { FIXTURES, ROOT } from './helpers/paths.js';
import { stageRepo } from './helpers/staging.js';

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const COMMANDS = new Set(['scan', 'lint', 'report', 'rules']);

/** Every `mqtt-audit <command> …` inside a fenced block (continuation lines joined). */
function commandsIn(doc: string): { file: string; line: string }[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const blocks = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1].replace(/\\\n\s*/g, ' '));
  const out: { file: string; line: string }[] = [];
  for (const b of blocks) {
    for (const line of b.split('\n')) {
      const m = /(?:^|[\s/=:])mqtt-audit ((?:scan|lint|report|rules)\b.*)$/.exec(line);
      if (m) out.push({ file: doc, line: m[1].replace(/\s+#.*$/, '') });
    }
  }
  return out;
}

test('every mqtt-audit command in the README and docs uses only options its command has', () => {
  const all = DOCS.flatMap(commandsIn);
  assert.ok(all.length >= 15, `found only ${all.length} commands`);
  for (const { file, line } of all) {
    const cmd = line.split(' ')[0] as CommandName;
    assert.ok(COMMANDS.has(cmd));
    const known = new Set(['--help', '--version']);
    for (const o of OPTIONS) if (!o.commands || o.commands.includes(cmd)) for (const f of o.flags.split(/[ ,]+/).filter((x) => x.startsWith('-'))) known.add(f);
    for (const flag of line.match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []) assert.ok(known.has(flag), `${file}: "${flag}" is not an option of mqtt-audit ${cmd}: ${line}`);
  }
});

test('the CI commands of docs/ci.md run as written on a config repository', () => {
  const repo = stageRepo(join(FIXTURES, 'example-repo'));
  const ci = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  const lines = [...ci.matchAll(/(?:run: |- )mqtt-audit (lint [^\n]+)/g)].map((m) => m[1]);
  assert.equal(lines.length, 2);
  for (const line of lines) {
    const r = runCli(line.split(' '), { cwd: repo });
    assert.equal(r.code, 1, `${line}: ${r.stderr}`);
    assert.equal(r.stderr, '');
    for (const out of line.match(/\S+\.(sarif|html|xml|json)/g) ?? []) assert.ok(existsSync(join(repo, out)), `${line} wrote ${out}`);
  }
});

test('the Kubernetes manifests: an Indexed Job whose completions match --shard, options that exist, a merge of the same files', async () => {
  const { parseAllDocuments } = await import('yaml');
  const scan = parseAllDocuments(readFileSync(join(ROOT, 'deploy', 'kubernetes', 'scan-job.yaml'), 'utf8')).map((d) => d.toJS());
  const job = scan.find((d) => d.kind === 'Job');
  assert.equal(job.spec.completionMode, 'Indexed');
  const command = job.spec.template.spec.containers[0].args.join(' ') as string;
  const n = job.spec.completions;
  assert.match(command, new RegExp(`--shard \\$\\(\\(JOB_COMPLETION_INDEX \\+ 1\\)\\)/${n} `));
  assert.match(command, new RegExp(`-o /results/shard-\\$\\(\\(JOB_COMPLETION_INDEX \\+ 1\\)\\)-of-${n}\\.json`));
  const merge = parseAllDocuments(readFileSync(join(ROOT, 'deploy', 'kubernetes', 'merge-job.yaml'), 'utf8')).map((d) => d.toJS())[0];
  const mergeCmd = merge.spec.template.spec.containers[0].args.join(' ') as string;
  assert.match(mergeCmd, new RegExp(`mqtt-audit report /results/shard-\\*-of-${n}\\.json`));
  for (const [cmd, line] of [['scan', command], ['report', mergeCmd]] as const) {
    const known = new Set<string>();
    for (const o of OPTIONS) if (!o.commands || o.commands.includes(cmd)) for (const f of o.flags.split(/[ ,]+/).filter((x) => x.startsWith('-'))) known.add(f);
    for (const flag of line.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []) assert.ok(known.has(flag), `${flag} is not an option of ${cmd}`);
  }
});

/** Every text file of the repository that people read or that cites docs: sources, tests, docs, rules, reports. */
function repoTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|md|ya?ml|json|c|cjs)$/.test(e.name)) out.push(rel);
    }
  };
  for (const d of ['src', 'test', 'docs', 'rules', 'reports', 'bench', 'scripts', 'native', 'deploy']) if (existsSync(join(ROOT, d))) walk(d);
  return ['README.md', ...out];
}

test('comments and docs cite files of this repository (and their sections), never documents it does not contain', () => {
  let cited = 0;
  for (const file of repoTexts()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    assert.doesNotMatch(text, /\b(HARDENING|CONTRACT|STYLE)\.md|\.\.\/shared\//, `${file} cites a document that is not in this repository`);
    for (const m of text.matchAll(/\bdocs\/([\w.-]+\.md)(?:, "([^"]+)")?/g)) {
      cited++;
      assert.ok(existsSync(join(ROOT, 'docs', m[1])), `${file} cites docs/${m[1]}, which does not exist`);
      if (m[2]) {
        const headings = readFileSync(join(ROOT, 'docs', m[1]), 'utf8').split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, ''));
        assert.ok(headings.some((h) => h.replaceAll('`', '') === m[2].replaceAll('`', '')), `${file} cites section "${m[2]}" of docs/${m[1]}, which has no such heading`);
      }
    }
  }
  assert.ok(cited >= 15, `only ${cited} citations found`);
});
