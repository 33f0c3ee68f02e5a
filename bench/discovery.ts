/** @fileoverview Benchmark: discovery over a loopback /16 × 2 ports with 5 brokers inside, mqtt-audit against nmap in the same run; --dry-run over a /8. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN } from '../test/helpers/paths.js';
import { labDir, MOSQUITTO, openUp, startMosquitto, stopAll, type Broker } from '../test/helpers/brokers.js';
import { makePki } from '../test/helpers/pki.js';

/** The /16 and the brokers in it: scattered, three plaintext on 1883, two TLS on 8883. */
export const RANGE = '127.77.0.0/16';
const BROKERS: [string, number][] = [['127.77.3.7', 1883], ['127.77.77.20', 8883], ['127.77.150.99', 1883], ['127.77.201.3', 8883], ['127.77.254.250', 1883]];

/** One timed run. */
export interface Timed {
  seconds: number;
  maxRssMb: number;
  found: string[];
  /** mqtt-audit only: probes that ended filtered. */
  filtered?: number;
}

export function timed(cmd: string, args: string[]): { seconds: number; maxRssMb: number; stdout: string; status: number | null } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  return { seconds: secs, maxRssMb: kb / 1024, stdout: r.stdout, status: r.status };
}

/** nmap, exactly as the issues name it (always -n: no reverse DNS; -T4 as issue 5 asks). */
export function runNmap(range = RANGE): Timed {
  const r = timed('nmap', ['-sT', '-n', '-Pn', '-p1883,8883', '--open', '-T4', '-oG', '-', range]);
  const found: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^Host: (\S+) .*Ports: (.*)$/.exec(line);
    if (!m) continue;
    for (const p of m[2].split(',')) {
      const pm = /(\d+)\/open\//.exec(p);
      if (pm) found.push(`${m[1]}:${pm[1]}`);
    }
  }
  return { seconds: r.seconds, maxRssMb: r.maxRssMb, found: found.sort() };
}

/** mqtt-audit discovery (--listen 0: the MQTT and TLS probes run, the listening window does not). */
export function runMqttAudit(range = RANGE): Timed {
  const r = timed(process.execPath, [BIN, 'scan', range, '--ports', '1883,8883', '--listen', '0', '--format', 'json']);
  const res = JSON.parse(r.stdout) as { targets: { host: string; port: number; state: string }[]; probes?: { filtered: number } };
  return { seconds: r.seconds, maxRssMb: r.maxRssMb, found: res.targets.filter((t) => t.state === 'open').map((t) => `${t.host}:${t.port}`).sort(), filtered: res.probes?.filtered };
}

/** --dry-run over a /8. */
export function runDryRun(): { seconds: number; maxRssMb: number } {
  const r = timed(process.execPath, [BIN, 'scan', '10.0.0.0/8', '--dry-run', '--max-hosts', '16777216']);
  if (r.status !== 0) throw new Error(`dry run exited ${r.status}`);
  return { seconds: r.seconds, maxRssMb: r.maxRssMb };
}

/** Make sure nmap is there: install Debian's package when running as root, else say what is missing. */
export function ensureNmap(): void {
  if (!spawnSync('nmap', ['--version']).error) return;
  if (process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', '-qq', 'nmap'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!spawnSync('nmap', ['--version']).error) return;
  }
  throw new Error('nmap is missing: apt-get install -y nmap (the discovery benchmark compares against it)');
}

/** Start mosquitto on each (address, port): plaintext on 1883, TLS (a fresh test PKI) on 8883, anonymous, logging nothing. */
export async function startBenchBrokers(prefix: string, brokers: readonly (readonly [string, number])[]): Promise<Broker[]> {
  const dir = labDir(prefix);
  const pki = makePki(join(dir, 'pki'));
  openUp(dir);
  const running: Broker[] = [];
  try {
    for (const [host, port] of brokers) {
      const tls = port === 8883 ? `certfile ${join(pki, 'server.crt')}\nkeyfile ${join(pki, 'server.key')}\n` : '';
      running.push(await startMosquitto(dir, host, host, port, `log_dest none\nlistener ${port} ${host}\n${tls}allow_anonymous true\n`));
    }
  } catch (e) {
    await stopAll(running);
    throw e;
  }
  return running;
}

/** Start the brokers, run both tools alternately three times, stop the brokers. */
export async function benchDiscovery(): Promise<{ expected: string[]; ours: Timed[]; nmap: Timed[] }> {
  ensureNmap();
  if (!MOSQUITTO) throw new Error('mosquitto is missing: apt-get install -y mosquitto');
  const running: Broker[] = [];
  try {
    running.push(...(await startBenchBrokers('mqtt-audit-bench-', BROKERS)));
    const ours: Timed[] = [];
    const nmap: Timed[] = [];
    runMqttAudit(); // warm-up, not counted
    for (let i = 0; i < 3; i++) {
      nmap.push(runNmap());
      ours.push(runMqttAudit());
    }
    return { expected: BROKERS.map(([h, p]) => `${h}:${p}`).sort(), ours, nmap };
  } finally {
    await stopAll(running);
  }
}
