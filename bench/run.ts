/** @fileoverview `npm run bench`: run every benchmark, write docs/BENCHMARKS.md, exit 1 when a target figure is missed. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/helpers/paths.js';
import { benchLint } from './lint.js';
import { benchDiscovery, runDryRun, RANGE } from './discovery.js';

const LINT_WALL_S = 2;
const LINT_RSS_MB = 150;
const DISCOVERY_RATIO = 1.5;
const DISCOVERY_RSS_MB = 150;
const DRY_RUN_S = 3;
const DRY_RUN_RSS_MB = 100;
const median = <T>(xs: T[], key: (x: T) => number) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];

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
const lintOk = lint.median.wallSeconds < LINT_WALL_S && lint.median.maxRssMb < LINT_RSS_MB;

process.stdout.write(`discovery: ${RANGE} × 2 ports with 5 brokers, mqtt-audit and nmap alternately, 3 times each…\n`);
const disc = await benchDiscovery();
const ours = median(disc.ours, (r) => r.seconds);
const theirs = median(disc.nmap, (r) => r.seconds);
const ratio = ours.seconds / theirs.seconds;
const allFound = disc.ours.every((r) => r.found.join() === disc.expected.join()) && disc.nmap.every((r) => r.found.join() === disc.expected.join());
const peak = Math.max(...disc.ours.map((r) => r.maxRssMb));
const discOk = allFound && ratio <= DISCOVERY_RATIO && peak <= DISCOVERY_RSS_MB;

process.stdout.write('dry run: --dry-run over a /8, 3 times…\n');
const dry = [runDryRun(), runDryRun(), runDryRun()];
const dryMed = median(dry, (r) => r.seconds);
const dryOk = dryMed.seconds < DRY_RUN_S && Math.max(...dry.map((r) => r.maxRssMb)) < DRY_RUN_RSS_MB;
const ok = lintOk && discOk && dryOk;

const rows = [
  '| benchmark | measured (median of 3) | target | runs | result |',
  '| --- | --- | --- | --- | --- |',
  `| lint 1,000 configs with ACL and password files (${lint.median.findings} findings) | ${lint.median.wallSeconds.toFixed(2)} s, ${lint.median.maxRssMb.toFixed(0)} MB | < ${LINT_WALL_S} s, < ${LINT_RSS_MB} MB | ${lint.runs.map((r) => `${r.wallSeconds.toFixed(2)} s / ${r.maxRssMb.toFixed(0)} MB`).join(', ')} | ${lintOk ? 'met' : 'MISSED'} |`,
  `| discovery ${RANGE} × 1883,8883, 5 brokers: mqtt-audit | ${ours.seconds.toFixed(2)} s, peak ${peak.toFixed(0)} MB, found ${ours.found.length}/5 | ≤ ${DISCOVERY_RATIO} × nmap, ≤ ${DISCOVERY_RSS_MB} MB, all 5 | ${disc.ours.map((r) => `${r.seconds.toFixed(2)} s / ${r.maxRssMb.toFixed(0)} MB`).join(', ')} | ${discOk ? 'met' : 'MISSED'} |`,
  `| discovery, same range: \`nmap -sT -n -Pn -p1883,8883 --open\` | ${theirs.seconds.toFixed(2)} s, found ${theirs.found.length}/5 | (reference) | ${disc.nmap.map((r) => `${r.seconds.toFixed(2)} s / ${r.maxRssMb.toFixed(0)} MB`).join(', ')} | ratio mqtt-audit/nmap ${ratio.toFixed(2)} |`,
  `| \`scan 10.0.0.0/8 --dry-run\` | ${dryMed.seconds.toFixed(2)} s, ${Math.max(...dry.map((r) => r.maxRssMb)).toFixed(0)} MB | < ${DRY_RUN_S} s, < ${DRY_RUN_RSS_MB} MB | ${dry.map((r) => `${r.seconds.toFixed(2)} s / ${r.maxRssMb.toFixed(0)} MB`).join(', ')} | ${dryOk ? 'met' : 'MISSED'} |`,
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
  `- **discovery**: five real mosquitto brokers on scattered addresses of ${RANGE} (three plaintext on 1883, two TLS`,
  '  on 8883); `mqtt-audit scan RANGE --ports 1883,8883 --listen 0 --format json` and',
  '  `nmap -sT -n -Pn -p1883,8883 --open` alternate three times after one uncounted warm-up run of mqtt-audit. Both must',
  '  find exactly the five open ports. mqtt-audit also runs its MQTT and TLS probes on the five (CONNECT 3.1.1 and 5,',
  '  the TLS handshake and the legacy-version handshakes); `--listen 0` leaves out only the listening window. No name',
  '  is ever resolved: nmap gets `-n`, and mqtt-audit does no reverse DNS.',
  '- **dry run**: `mqtt-audit scan 10.0.0.0/8 --dry-run --max-hosts 16777216` counts 33,554,432 probes without',
  '  expanding the range (nothing is sent).',
  '',
  '## What the profile showed',
  '',
  '`node --cpu-prof` on the /16 discovery (2 cores): the `connect` and `close` system calls behind `net.Socket` are',
  'about 55 % of each discovery thread, garbage collection about 12 %; creating the `Error` of each refused connect',
  'and formatting its stack trace cost about 8 % until `Error.stackTraceLimit` was set to 0 for the discovery. What was',
  'removed on the way: a timer per connect (one sweeper now ticks every 100 ms), a promise per probe on the hot path',
  '(callbacks), per-probe task objects in the main thread (threads receive slices of the address grid and send back',
  'only open ports, errors and targets named alone), and a concurrency pool feeding a single thread (two discovery',
  'threads now use both cores; each is capped at an 8 MB young and a 16 MB (+1 MB per 100 connects in flight) old',
  'generation, which keeps peak memory under 150 MB). Loopback refuses instantly, so concurrency barely matters here; the default 256 is for real networks.',
  '',
].join('\n');
writeFileSync(join(ROOT, 'docs', 'BENCHMARKS.md'), doc);
process.stdout.write(`${rows.join('\n')}\nwrote docs/BENCHMARKS.md\n`);
process.exitCode = ok ? 0 : 1;
