/** @fileoverview `npm run bench`: run every benchmark, write docs/BENCHMARKS.md, exit 1 when a target figure is missed. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/helpers/paths.js';
import { benchLint } from './lint.js';

const LINT_WALL_S = 2;
const LINT_RSS_MB = 150;

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let os = 'unknown OS';
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    /* not Linux */
  }
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${os}, Node.js ${process.version}`;
}

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();

process.stdout.write('lint: generating 1,000 configs and linting them 3 times…\n');
const lint = benchLint(1000);
const ok = lint.median.wallSeconds < LINT_WALL_S && lint.median.maxRssMb < LINT_RSS_MB;
const rows = [
  '| benchmark | measured (median of 3) | target | runs (wall s / peak RSS MB) | result |',
  '| --- | --- | --- | --- | --- |',
  `| lint 1,000 configs with ACL and password files (${lint.median.findings} findings) | ${lint.median.wallSeconds.toFixed(2)} s, ${lint.median.maxRssMb.toFixed(0)} MB | < ${LINT_WALL_S} s, < ${LINT_RSS_MB} MB | ${lint.runs.map((r) => `${r.wallSeconds.toFixed(2)} / ${r.maxRssMb.toFixed(0)}`).join(', ')} | ${ok ? 'met' : 'MISSED'} |`,
];
const doc = [
  '# Benchmarks',
  '',
  '<!-- Written by `npm run bench`; do not edit by hand. -->',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; mqtt-audit ${version} (${commit}). Wall time and peak`,
  'resident memory come from `/usr/bin/time -v` around the whole CLI process (start-up included).',
  '',
  ...rows,
  '',
  '## What is measured',
  '',
  '- **lint**: `mqtt-audit lint DIR --root DIR --format json` over a generated repository of 1,000 sites, each a',
  '  `mosquitto.conf` with an `include_dir` file, a 60-line ACL and a 20-user password file (4,000 files in all);',
  '  the file cache is warmed by one run that is not counted.',
  '',
].join('\n');
writeFileSync(join(ROOT, 'docs', 'BENCHMARKS.md'), doc);
process.stdout.write(`${rows.join('\n')}\nwrote docs/BENCHMARKS.md\n`);
process.exitCode = ok ? 0 : 1;
