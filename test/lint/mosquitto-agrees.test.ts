/**
 * @fileoverview The linter's "the broker will not start" verdicts, checked against the real mosquitto (Debian's package).
 * Every config binds 127.0.0.1 only, or runs in a network namespace of its own that has nothing but loopback, so a
 * wrong verdict can never open a port beyond loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/brokers.js';
import { runLint } from '../helpers/lint.js';
import { loadCatalog } from '../../src/rules/load.js';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => spawnSync(p, ['-h']).status !== null && !spawnSync(p, ['-h']).error);
const rules = loadCatalog().rules;
const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-agree-'));


/** A fresh network namespace of our own (loopback only) for configs that bind more than loopback: needs root and unshare. */
const NETNS = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;

/**
 * Start mosquitto; resolve 'refused' when it exits with an error within 1.5 s, 'running' when it is still up (then stop
 * it). With `netns`, in a new network namespace that has nothing but its own loopback, so 0.0.0.0 reaches nothing.
 */
function startBroker(conf: string, netns = false): Promise<{ verdict: 'refused' | 'running'; log: string }> {
  return new Promise((res) => {
    const p = netns
      ? spawn('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${MOSQUITTO!} -c "$0"`, conf], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(MOSQUITTO!, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    p.stdout.on('data', (d) => (log += d));
    p.stderr.on('data', (d) => (log += d));
    const timer = setTimeout(() => {
      p.kill('SIGTERM');
    }, 1500);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      res({ verdict: signal === 'SIGTERM' || code === 0 ? 'running' : 'refused', log });
    });
  });
}

/** Fatal findings: the rules whose messages say the broker will not start. */
const FATAL = new Set(['conf.unknown-option', 'conf.invalid-value', 'conf.duplicate-option', 'conf.per-listener-settings-misplaced', 'conf.bridge-option-outside-bridge', 'conf.duplicate-listener', 'conf.plugin-option-without-plugin']);

const cases: [string, (port: number) => string, string | undefined, { netns?: boolean }?][] = [
  ['a misspelt option', (p) => `listener ${p} 127.0.0.1\nalow_anonymous true\n`, 'conf.unknown-option'],
  ['a tab after the keyword', (p) => `listener ${p} 127.0.0.1\nmax_connections\t10\n`, 'conf.unknown-option'],
  ['an indented comment', (p) => `listener ${p} 127.0.0.1\n  # note\n`, 'conf.unknown-option'],
  ['a bad boolean', (p) => `listener ${p} 127.0.0.1\nallow_anonymous yes\n`, 'conf.invalid-value'],
  ['max_packet_size below 20', (p) => `listener ${p} 127.0.0.1\nmax_packet_size 10\n`, 'conf.invalid-value'],
  ['a string option twice', (p) => `listener ${p} 127.0.0.1\nacl_file /nonexistent/a\nacl_file /nonexistent/b\n`, 'conf.duplicate-option'],
  ['per_listener_settings after a security option', (p) => `allow_anonymous false\nper_listener_settings true\nlistener ${p} 127.0.0.1\n`, 'conf.per-listener-settings-misplaced'],
  ['a bridge option before connection', (p) => `listener ${p} 127.0.0.1\naddress 127.0.0.1:1\n`, 'conf.bridge-option-outside-bridge'],
  ['two listeners on one port and address', (p) => `listener ${p} 127.0.0.1\nlistener ${p} 127.0.0.1\n`, 'conf.duplicate-listener'],
  ['auth_opt_ before auth_plugin', (p) => `listener ${p} 127.0.0.1\nauth_opt_backends files\nauth_plugin /nonexistent/go-auth.so\n`, 'conf.plugin-option-without-plugin'],
  ['plugin_opt_ in an include_dir file, its plugin in the main file', (p) => {
    mkdirSync(join(dir, `inc-${p}`), { recursive: true });
    writeFileSync(join(dir, `inc-${p}`, 'auth.conf'), 'plugin_opt_config_file /nonexistent/dynsec.json\n');
    return `plugin /nonexistent/dynsec.so\ninclude_dir ${join(dir, `inc-${p}`)}\nlistener ${p} 127.0.0.1\n`;
  }, 'conf.plugin-option-without-plugin'],
  ['a comment after a boolean is harmless', (p) => `listener ${p} 127.0.0.1\nallow_anonymous false # no guests\n`, undefined],
  ['a sound loopback config', (p) => `listener ${p} 127.0.0.1\nallow_anonymous false\nmax_connections 10\nmax_packet_size 1048576\n`, undefined],
  ['the same port on two loopback addresses', (p) => `listener ${p} 127.0.0.1\nlistener ${p} 127.0.0.2\n`, undefined],
  ['0.0.0.0 and 127.0.0.1 on one port (in a namespace of its own)', (p) => `listener ${p} 0.0.0.0\nlistener ${p} 127.0.0.1\n`, 'conf.duplicate-listener', { netns: true }],
  ['localhost and 127.0.0.1 on one port', (p) => `listener ${p} localhost\nlistener ${p} 127.0.0.1\n`, 'conf.duplicate-listener'],
];

for (const [name, make, expected, opts] of cases) {
  const skip = !MOSQUITTO ? 'mosquitto is not installed (.ci/run installs it)' : opts?.netns && !NETNS ? 'needs a network namespace (root, unshare, ip)' : false;
  test(`mosquitto agrees: ${name} → ${expected ? `${expected} and the broker refuses to start` : 'no fatal finding and the broker runs'}`, { skip }, async () => {
    const port = await freePort();
    const conf = join(dir, `${name.replace(/\W+/g, '-')}.conf`);
    writeFileSync(conf, make(port));
    const res = runLint({ paths: [conf], cwd: dir }, rules, { now: new Date(), expiryDays: 30, adminUsers: [] }, '0.0.0');
    const fatal = res.findings.filter((f) => FATAL.has(f.ruleId)).map((f) => f.ruleId);
    assert.deepEqual(fatal, expected ? [expected] : []);
    const broker = await startBroker(conf, opts?.netns);
    assert.equal(broker.verdict, expected ? 'refused' : 'running', broker.log);
  });
}
