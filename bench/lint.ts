/** @fileoverview Benchmark: lint a generated repository of 1,000 configs with their ACL and password files, under /usr/bin/time -v. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../test/helpers/paths.js';

/** One measured run. */
export interface Measure {
  wallSeconds: number;
  maxRssMb: number;
  findings: number;
}

/** Write N sites, each with a mosquitto.conf, a conf.d include, an ACL and a password file. */
export function generateRepo(dir: string, sites: number): void {
  for (let i = 0; i < sites; i++) {
    const s = `site-${String(i).padStart(4, '0')}`;
    mkdirSync(join(dir, s, 'conf.d'), { recursive: true });
    const anon = i % 3 === 0;
    writeFileSync(
      join(dir, s, 'mosquitto.conf'),
      [
        `# ${s}`,
        'per_listener_settings false',
        'persistence true',
        `persistence_location /var/lib/mosquitto/${s}/`,
        'log_dest syslog',
        `allow_anonymous ${anon ? 'true' : 'false'}`,
        `password_file /etc/mosquitto/${s}/passwd`,
        `acl_file /etc/mosquitto/${s}/acl`,
        `include_dir /etc/mosquitto/${s}/conf.d`,
        i % 7 === 0 ? 'max_connections\t100' : '',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, s, 'conf.d', 'listeners.conf'), `listener ${1883 + (i % 50)}\nmax_connections 500\nlistener 9001 127.0.0.1\nprotocol websockets\n`);
    const acl = ['topic read public/#', ''];
    for (let u = 0; u < 20; u++) acl.push(`user dev${u}`, `topic readwrite devices/dev${u}/#`, `topic read config/dev${u}`, '');
    acl.push('pattern write devices/%u/status', i % 5 === 0 ? 'pattern read #' : 'pattern read broadcast/%c');
    writeFileSync(join(dir, s, 'acl'), `${acl.join('\n')}\n`);
    const pw: string[] = [];
    for (let u = 0; u < 20; u++) pw.push(`dev${u}:$7$101$c2FsdHNhbHRzYWx0$${Buffer.alloc(64, u).toString('base64')}`);
    if (i % 4 === 0) pw.push('legacy:plaintext');
    writeFileSync(join(dir, s, 'passwd'), `${pw.join('\n')}\n`);
  }
}

/** Run the lint under /usr/bin/time -v once. */
export function measureLint(dir: string): Measure {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, 'lint', dir, '--root', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (!wall || !rss) throw new Error('could not read /usr/bin/time -v output');
  const wallSeconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { wallSeconds, maxRssMb: Number(rss[1]) / 1024, findings: (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length };
}

/** Generate, lint three times, report the median. */
export function benchLint(sites = 1000): { median: Measure; runs: Measure[] } {
  try {
    execFileSync('/usr/bin/time', ['-V'], { stdio: 'ignore' });
  } catch {
    throw new Error('/usr/bin/time is missing: apt-get install time');
  }
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-bench-lint-'));
  try {
    generateRepo(dir, sites);
    measureLint(dir); // warm the file cache
    const runs = [measureLint(dir), measureLint(dir), measureLint(dir)];
    const median = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds)[1];
    return { median, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
