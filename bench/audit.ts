/** @fileoverview Benchmark: a full audit of 50 real brokers, mqtt-audit against `nmap --script mqtt-subscribe`, side by side. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { BIN } from '../test/helpers/paths.js';
import { labDir, openUp, startMosquitto, stopAll, type Broker } from '../test/helpers/brokers.js';
import { makePki } from '../test/helpers/pki.js';

/** 50 addresses scattered over 127.88.0.0/16. */
export const AUDIT_HOSTS = Array.from({ length: 50 }, (_, i) => `127.88.${(i * 37) % 256}.${1 + ((i * 101) % 250)}`);

export interface AuditRun {
  seconds: number;
  maxRssMb: number;
  /** Brokers whose $SYS or # traffic the tool reported. */
  brokersWithTopics: number;
  facts: string[];
}

function timed(cmd: string, args: string[]): { seconds: number; maxRssMb: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const [secs, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { seconds: secs, maxRssMb: kb / 1024, stdout: r.stdout };
}

/** mqtt-audit with its defaults (--listen 5, 1883 and 8883). */
export function runAudit(targetsFile: string): AuditRun {
  const r = timed(process.execPath, [BIN, 'scan', '--targets-file', targetsFile, '--format', 'json', '--fail-on', 'none']);
  const res = JSON.parse(r.stdout) as { targets: { mqtt?: { listen?: { messages: number } }; tls?: unknown }[]; findings: { ruleId: string }[] };
  const rules = [...new Set(res.findings.map((f) => f.ruleId))].sort();
  return {
    seconds: r.seconds,
    maxRssMb: r.maxRssMb,
    brokersWithTopics: res.targets.filter((t) => (t.mqtt?.listen?.messages ?? 0) > 0).length / 2,
    facts: ['anonymous access (3.1.1 and 5)', 'topics on # and $SYS/# with counts', 'broker version', 'MQTT 5 CONNACK properties', 'TLS on 8883: chain, trust, name, expiry, key, legacy versions, every accepted cipher suite and a Mozilla-profile verdict, client-certificate requirement', 'product and known vulnerabilities', 'sensitive data on readable topics (kinds)', `findings: ${rules.join(', ')}`],
  };
}

/** nmap's mqtt-subscribe on port 1883 (its defaults: 5 s or 100 messages). */
export function runNmapSubscribe(hosts: string[]): AuditRun {
  const r = timed('nmap', ['-n', '-Pn', '-p1883', '--script', 'mqtt-subscribe', '-oX', '-', ...hosts]);
  const perHost = r.stdout.split('<host ').slice(1);
  return {
    seconds: r.seconds,
    maxRssMb: r.maxRssMb,
    brokersWithTopics: perHost.filter((h) => /id="mqtt-subscribe"/.test(h) && /\$SYS\/broker\/version/.test(h)).length,
    facts: ['open port 1883', 'topics and last values on # and $SYS/#', 'broker version (from $SYS)'],
  };
}

/** Start 50 mosquitto brokers (anonymous 1883, TLS 8883) with some traffic, run both tools twice, stop them. */
export async function benchAudit(): Promise<{ ours: AuditRun[]; nmap: AuditRun[] }> {
  const dir = labDir('mqtt-audit-bench-audit-');
  const pki = makePki(join(dir, 'pki'));
  openUp(dir);
  const running: Broker[] = [];
  try {
    for (const host of AUDIT_HOSTS) {
      running.push(await startMosquitto(dir, host, host, 1883, `log_dest none\nallow_anonymous true\nlistener 1883 ${host}\nlistener 8883 ${host}\ncertfile ${join(pki, 'server.crt')}\nkeyfile ${join(pki, 'server.key')}\n`));
      const c = await connectAsync(`mqtt://${host}:1883`, { reconnectPeriod: 0 });
      await c.publishAsync('plant/line1/temperature', '21.5', { retain: true, qos: 1 });
      await c.endAsync();
    }
    const targets = join(dir, 'targets.txt');
    writeFileSync(targets, `${AUDIT_HOSTS.join('\n')}\n`);
    const ours: AuditRun[] = [];
    const nmap: AuditRun[] = [];
    for (let i = 0; i < 2; i++) {
      nmap.push(runNmapSubscribe(AUDIT_HOSTS));
      ours.push(runAudit(targets));
    }
    return { ours, nmap };
  } finally {
    await stopAll(running);
  }
}
