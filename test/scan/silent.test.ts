/**
 * @fileoverview Adaptive timing on the wire (docs/scan.md, "Timing on silent networks"): once round trips to a network
 * were measured, a silent address in it is given up on in far less than --timeout — on the JavaScript connector, the
 * native scanner and the CLI. In a network namespace of its own (root, unshare, ip) where 127.98.0.0/16 is silent:
 * skipped where one cannot be made. No traffic leaves loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ANSWERS, CLI_TIMEOUT, SILENT, type SilentLab } from './silent-lab.js';

/**
 * The namespace: loopback up, 127.0.0.0/16 and 127.98.0.1 local, the rest of 127.98.0.0/16 routed to loopback but not
 * local (a SYN to it is dropped on arrival, no answer).
 */
const SETUP = [
  'ip link set lo up',
  'ip route del local 127.0.0.0/8 dev lo table local',
  'ip route add local 127.0.0.0/16 dev lo table local',
  `ip route add local ${ANSWERS} dev lo table local`,
  'ip route add 127.98.0.0/16 dev lo',
].join(' && ');
const NETNS = spawnSync('unshare', ['-n', 'sh', '-c', SETUP], { stdio: 'ignore' }).status === 0;
const LAB = fileURLToPath(new URL('./silent-lab.js', import.meta.url));

test('a silent address is given up on in far less than --timeout once round trips were measured', { skip: NETNS ? false : 'needs a network namespace (root, unshare, ip)', timeout: 60000 }, (t) => {
  const r = spawnSync('unshare', ['-n', 'sh', '-c', `${SETUP} && exec "$0" "$1"`, process.execPath, LAB], { encoding: 'utf8', timeout: 55000 });
  assert.equal(r.status, 0, r.stderr);
  const lab = JSON.parse(r.stdout) as SilentLab;
  t.diagnostic(JSON.stringify(lab));
  // --timeout is 3000 ms. Measured to its /24: 100 ms (the floor) for the first connect, 100 ms more for the retry beside it.
  assert.equal(lab.js.open, 'open');
  assert.equal(lab.js.silent, 'filtered');
  assert.equal(lab.js.reason, 'no answer to the TCP connect (2 tries)');
  assert.ok(lab.js.silentMs >= 190 && lab.js.silentMs < 1000, `JavaScript connector: gave up after ${lab.js.silentMs.toFixed(0)} ms`);
  // Another /24, which never answered: its first probes explore with the initial timeout (1 s), then the retry.
  assert.equal(lab.js.explore, 'filtered');
  assert.ok(lab.js.exploreMs >= 990 && lab.js.exploreMs < 2000, `exploring: ${lab.js.exploreMs.toFixed(0)} ms`);
  if (lab.native) {
    assert.deepEqual(lab.native.states, [2, 1], 'native: open, filtered');
    assert.ok(lab.native.ms < 1000, `native scanner: ${lab.native.ms.toFixed(0)} ms`);
  }
  assert.deepEqual(lab.cli.states, { [ANSWERS]: 'not-mqtt', [SILENT]: 'filtered' });
  assert.equal(lab.cli.reason, 'no answer to the TCP connect (2 tries)');
  assert.ok(lab.cli.scanMs < CLI_TIMEOUT / 2, `the CLI's scan took ${lab.cli.scanMs} ms with --timeout ${CLI_TIMEOUT} (${lab.cli.ms.toFixed(0)} ms with start-up)`);
});
