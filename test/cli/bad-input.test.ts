/** @fileoverview Bad input: exit code 2 and one clear line that names the culprit; never a stack trace, never a half-written report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOneLineError, runCli, runMain } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-bad-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
mkdirSync(join(dir, 'empty-repo'));
file('empty-repo/README.md', '# not a config\n');
file('empty-repo/nginx.conf', 'server {\n  listen 80;\n}\n');
const binary = file('binary.conf', Buffer.from([0x6c, 0x69, 0x73, 0x0a, 0x00, 0xff, 0x10, 0x00]));
const latin1 = file('latin1.conf', Buffer.from('listener 1883\n# caf\xe9\n', 'latin1'));
const huge = join(dir, 'huge.conf');
writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x61));
mkdirSync(join(dir, 'loop'));
const loop = file('loop/mosquitto.conf', `listener 1883 127.0.0.1\ninclude_dir ${join(dir, 'loop')}\n`);
const noReason = file('no-reason.conf', '# mqtt-audit: ignore conf.run-as-root\nuser root\n');
const good = join(FIXTURES, 'configs', 'dangerous');
mkdirSync(join(dir, 'two-configs'));
file('two-configs/a.conf', 'listener 1883 127.0.0.1\nallow_anonymous false\n');
file('two-configs/b.conf', 'listener 1884 127.0.0.1\nallow_anonymous false\n');
const notJson = file('baseline.json', '{ not json');
const otherJson = file('other.json', '{"hello": "world"}');

const cases: [string, string[], RegExp][] = [
  ['a missing path', ['lint', join(dir, 'nope.conf')], /nope\.conf: no such file or directory$/],
  ['a directory without any mosquitto config', ['lint', join(dir, 'empty-repo')], /empty-repo: no mosquitto configuration found/],
  ['a binary file', ['lint', binary], /binary\.conf:2: is a binary file/],
  ['a non-UTF-8 file', ['lint', latin1], /latin1\.conf:2: is not valid UTF-8 text$/],
  ['a 50 MB file', ['lint', huge], /huge\.conf: file is too large \(50\.0 MiB; the limit is 10 MiB\)$/],
  ['an include_dir loop', ['lint', loop], /loop\/mosquitto\.conf:2: include_dir .* contains this configuration itself: an include loop$/],
  ['an invalid rule pack', ['lint', good, '--rules', join(FIXTURES, 'rule-packs', 'invalid')], /bad-severity\.yaml:2: invalid rule: \/severity must be one of critical, high, medium, low, info$/],
  ['a rule pack that asks to run code', ['lint', good, '--rules', join(FIXTURES, 'rule-packs', 'code-check')], /runs-code\.yaml: rule org\.runs-code: a rule pack must be declarative/],
  ['a rule pack folder that does not exist', ['lint', good, '--rules', join(dir, 'no-pack')], /no-pack: --rules directory not found$/],
  ['an unknown format', ['lint', good, '--format', 'pdf'], /option '--format <format>' argument 'pdf' is invalid/],
  ['an unknown --fail-on', ['lint', good, '--fail-on', 'severe'], /--fail-on <severity>/],
  ['an unknown option', ['lint', good, '--frobnicate'], /unknown option '--frobnicate'/],
  ['an output file with an unknown extension', ['lint', good, '-o', join(dir, 'out.pdf')], /out\.pdf: cannot tell the format from the extension/],
  ['an output file in a missing folder', ['lint', good, '-o', join(dir, 'ok.json'), '-o', join(dir, 'missing', 'out.json')], /missing\/out\.json: cannot write the output file: folder .* does not exist$/],
  ['--enable with an id that matches no rule', ['lint', good, '--enable', 'conf.no-such-rule'], /no rule matches "conf\.no-such-rule"/],
  ['a baseline that is not JSON', ['lint', good, '--baseline', notJson], /baseline\.json: --baseline is not valid JSON/],
  ['a baseline that is not a result', ['lint', good, '--baseline', otherJson], /other\.json: --baseline: not an mqtt-audit JSON result or SARIF log$/],
  ['a suppression without a reason', ['lint', noReason], /no-reason\.conf:1: mqtt-audit: ignore needs a reason/],
  ['--root that is not a directory', ['lint', good, '--root', join(dir, 'no-root')], /no-root: --root: no such file or directory$/],
  ['a --mosquitto-version lint does not model', ['lint', good, '--mosquitto-version', '3.0'], /"3\.0" is not a mosquitto version lint models \(1\.6, 2\.0, 2\.1, or x\.y\.z of those\)$/],
  ['scan: --mosquitto-version without --config', ['scan', '127.0.0.1', '--mosquitto-version', '2.1'], /--mosquitto-version goes with --config \(scan\) or lint$/],
  ['a psk_file named as the configuration', ['lint', file('keys.psk', 'gw1:7c3b9e0f61a24d8b\ngw2:a1b2\n')], /keys\.psk: looks like a psk_file \(identity:hexkey lines\): lint the mosquitto\.conf that names it$/],
  ['a JSON file named as the configuration', ['lint', file('dynamic-security.json', '{"clients": []}\n')], /dynamic-security\.json: is JSON, not a mosquitto configuration \(a dynamic-security file\?\): lint the mosquitto\.conf that loads it$/],
  ['--expiry-days that is not a number', ['lint', good, '--expiry-days', 'soon'], /--expiry-days must be a whole number/],
  ['an ACL file that does not exist', ['lint', '--acl', join(dir, 'nope.acl')], /nope\.acl: no such file or directory$/],
  ['rules --format sarif', ['rules', '--format', 'sarif'], /argument 'sarif' is invalid/],
  ['scan: a bad CIDR', ['scan', '127.0.0.0/33'], /bad target "127\.0\.0\.0\/33": not a valid CIDR range$/],
  ['scan: no targets', ['scan'], /no targets: name hosts, ranges or URLs, or use --targets-file$/],
  ['scan: a range larger than --max-hosts', ['scan', '127.0.0.0/8'], /cover 16777216 addresses, more than --max-hosts 65536; raise --max-hosts to scan them$/],
  ['scan: --config names a folder of two configurations', ['scan', '127.0.0.1', '--config', 'two-configs'], /--config two-configs holds 2 mosquitto configurations \(two-configs\/a\.conf, two-configs\/b\.conf\); name the one this broker runs$/],
  ['scan: a bad port list', ['scan', '127.0.0.1', '--ports', '1883,70000'], /--ports: "70000" is not within 1-65535$/],
  ['scan: a bad shard', ['scan', '127.0.0.1', '--shard', '5/4'], /--shard must be I\/N with 1 ≤ I ≤ N/],
  ['scan: a missing targets file', ['scan', '--targets-file', join(dir, 'nope.txt')], /nope\.txt: no such file or directory$/],
  ['scan: a bad line in a targets file', ['scan', '--targets-file', file('targets.txt', '127.0.0.1\nhttp://x\n')], /bad target "http:\/\/x" \(.*targets\.txt:2\): unsupported scheme http/],
  ['scan: --cert without --key', ['scan', '127.0.0.1', '--cert', binary], /--cert and --key go together$/],
  ['scan: a --cafile that is not PEM', ['scan', '127.0.0.1', '--cafile', latin1], /latin1\.conf: --cafile is not a PEM file$/],
  ['scan: --password without --username', ['scan', '127.0.0.1', '--password', 'x'], /--password needs --username$/],
  ['scan: a credentials line without a colon', ['scan', '127.0.0.1', '--credentials', file('creds.txt', 'admin\n')], /creds\.txt:1: --credentials lines are user:password$/],
  ['scan: an unknown scheme', ['scan', 'http://127.0.0.1'], /unsupported scheme http:\/\/ \(mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\/\)$/],
  ['scan: a bad --timeout', ['scan', '127.0.0.1', '--timeout', '0'], /--timeout must be a whole number of at least 1/],
];

// Every case runs main() in this process (runMain); the first few also run the binary in a child process, which is
// where a stack trace or a hang would really show.
const IN_A_CHILD = 4;

for (const [i, [name, args, message]] of cases.entries()) {
  test(`bad input: ${name} → exit 2 and one line${i < IN_A_CHILD ? ' (the binary)' : ''}`, async () => {
    const r = i < IN_A_CHILD ? runCli(args, { cwd: dir }) : await runMain(args, { cwd: dir });
    assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
    assert.ok(isOneLineError(r.stderr), `one line without a stack: ${JSON.stringify(r.stderr)}`);
    assert.match(r.stderr.trim(), message);
    assert.equal(r.stdout, '');
  });
}

test('bad input: nothing is half-written — no output file appears when one of them cannot be written', () => {
  assert.ok(!existsSync(join(dir, 'ok.json')));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('--debug shows the stack of an error', () => {
  const r = runCli(['lint', join(dir, 'nope.conf'), '--debug'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^mqtt-audit: error: .*nope\.conf: no such file or directory\n.*\n\s+at /);
});

test('scan --dry-run counts a /8 without sending anything, quickly', () => {
  const started = Date.now();
  const r = runCli(['scan', '10.0.0.0/8', '--dry-run', '--max-hosts', '16777216', '--exclude', '10.255.0.0/16']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '33423360 probes (16711680 addresses × ports 1883,8883)\n');
  assert.ok(Date.now() - started < 3000);
  const j = JSON.parse(runCli(['scan', '10.0.0.0/24', '--dry-run', '--shard', '2/3', '--format', 'json']).stdout);
  assert.deepEqual(j, { probes: 171, addresses: 256, ports: [1883, 8883], shard: '2/3', allProbes: 512 });
});

test('scan --dry-run counts any range without --max-hosts, and says what a scan would need', async () => {
  const r = await runMain(['scan', '10.0.0.0/8', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '33554432 probes (16777216 addresses × ports 1883,8883); a scan needs --max-hosts 16777216 (the limit is 65536)\n');
  // Without --dry-run a range that large is still refused (a loopback /8: were the check broken, no packet would leave the machine).
  const scan = await runMain(['scan', '127.0.0.0/8']);
  assert.equal(scan.code, 2);
  assert.match(scan.stderr, /more than --max-hosts 65536/);
});
