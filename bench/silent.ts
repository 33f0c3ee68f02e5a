/**
 * @fileoverview Benchmark: discovery of a silent /20 × 2 ports, as on a firewalled network. A network namespace of its
 * own (`ip netns add`) whose loopback holds 127.99.0.0/16; nftables drops every SYN to it except those to five real
 * mosquitto brokers started inside the namespace; mqtt-audit and nmap scan from inside it. A second setting drops
 * 10 % of the SYNs to the brokers too, at random. Nothing leaves the namespace (docs/BENCHMARKS.md).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MOSQUITTO, stopAll, type Broker } from '../test/helpers/brokers.js';
import { ensureNmap, runMqttAudit, runNmap, startBenchBrokers, type Timed } from './discovery.js';

/** The silent range and the brokers in it: scattered, three plaintext on 1883, two TLS on 8883. */
export const SILENT_RANGE = '127.99.0.0/20';
const BROKERS: [string, number][] = [['127.99.0.7', 1883], ['127.99.3.20', 8883], ['127.99.7.99', 1883], ['127.99.11.3', 8883], ['127.99.15.250', 1883]];
const TABLE = 'mqtt_audit_bench';

/** What the benchmark measured. */
export interface SilentResult {
  expected: string[];
  /** Every SYN to the range dropped but those to the brokers. */
  silent: Timed[];
  /** The same, and 10 % of the SYNs to the brokers dropped at random. */
  lossy: Timed[];
  /** nmap on the silent setting (absent when it was not asked for). */
  nmap?: Timed;
}

/** The nft ruleset: SYNs into the range are dropped on input (as a firewall in front of the hosts would), but to the brokers; `loss` drops that share of those too. */
function ruleset(loss: boolean): string {
  const brokers = [...new Set(BROKERS.map(([h]) => h))].join(', ');
  return [
    `table inet ${TABLE} {`,
    '  chain input {',
    '    type filter hook input priority 0; policy accept;',
    ...(loss ? [`    ip daddr { ${brokers} } tcp flags & (syn | ack) == syn numgen random mod 10 == 0 drop`] : []),
    `    ip daddr 127.99.0.0/16 ip daddr != { ${brokers} } tcp flags & (syn | ack) == syn drop`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function sh(cmd: string, args: string[], input?: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error?.message ?? r.stderr}`);
}

/** Load a ruleset in this namespace, replacing the benchmark's table. */
function loadRules(loss: boolean): void {
  spawnSync('nft', ['delete', 'table', 'inet', TABLE], { stdio: 'ignore' });
  sh('nft', ['-f', '-'], ruleset(loss));
}

/** Make sure nft is there: install Debian's package when running as root, else say what is missing. */
export function ensureNft(): void {
  if (!spawnSync('nft', ['--version']).error) return;
  if (process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', '-qq', 'nftables'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!spawnSync('nft', ['--version']).error) return;
  }
  throw new Error('nft is missing: apt-get install -y nftables (the silent-network benchmark drops SYNs with it)');
}

/** Inside the namespace: start the brokers, time the runs, print the result as JSON. */
async function inside(runs: number, withNmap: boolean): Promise<void> {
  sh('ip', ['link', 'set', 'lo', 'up']);
  const running: Broker[] = [];
  try {
    running.push(...(await startBenchBrokers('mqtt-audit-bench-silent-', BROKERS)));
    const res: SilentResult = { expected: BROKERS.map(([h, p]) => `${h}:${p}`).sort(), silent: [], lossy: [] };
    loadRules(false);
    for (let i = 0; i < runs; i++) res.silent.push(runMqttAudit(SILENT_RANGE));
    if (withNmap) res.nmap = runNmap(SILENT_RANGE);
    loadRules(true);
    for (let i = 0; i < runs; i++) res.lossy.push(runMqttAudit(SILENT_RANGE));
    process.stdout.write(JSON.stringify(res));
  } finally {
    spawnSync('nft', ['delete', 'table', 'inet', TABLE], { stdio: 'ignore' });
    await stopAll(running);
  }
}

/** Create the namespace, run the benchmark inside it, remove it. Needs root, ip, nft and mosquitto (nmap when asked). */
export function benchSilent(opts: { runs: number; nmap: boolean }): SilentResult {
  if (process.getuid?.() !== 0) throw new Error('the silent-network benchmark needs root (a network namespace and nftables)');
  if (!MOSQUITTO) throw new Error('mosquitto is missing: apt-get install -y mosquitto');
  ensureNft();
  if (opts.nmap) ensureNmap();
  const ns = `mqtt-audit-bench-${process.pid}`;
  sh('ip', ['netns', 'add', ns]);
  try {
    const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, fileURLToPath(import.meta.url), 'inside', String(opts.runs), opts.nmap ? 'nmap' : ''], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`the silent-network benchmark failed (exit ${r.status})`);
    return JSON.parse(r.stdout) as SilentResult;
  } finally {
    // Whatever is left in the namespace was started by the run above (the brokers are stopped by it in the normal case).
    const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const pid of pids) spawnSync('kill', ['-9', pid]);
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

if (process.argv[2] === 'inside' && process.argv[1] === fileURLToPath(import.meta.url)) await inside(Number(process.argv[3]), process.argv[4] === 'nmap');
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node dist/bench/silent.js [runs] [nmap]`: this benchmark alone, printed (npm run bench runs it with the others).
  process.stdout.write(`${JSON.stringify(benchSilent({ runs: Number(process.argv[2] ?? 1), nmap: process.argv[3] === 'nmap' }), null, 1)}\n`);
}
