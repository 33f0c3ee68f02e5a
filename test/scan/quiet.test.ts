/**
 * @fileoverview Quiet probes (docs/scan.md, "Quiet probes"): a default scan of a TLS listener leaves at most 3 error
 * lines in mosquitto's log — handshakes end with close_notify, suites are found by elimination, TLS 1.0 is tried only
 * after TLS 1.1 was accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../src/model/types.js';
import { MOSQUITTO, freePort, labDir, openUp, startMosquitto, stopAll, type Broker } from '../helpers/brokers.js';
import { runMain } from '../helpers/cli.js';
import { testPki } from '../helpers/harness.js';

const skip = MOSQUITTO ? false : 'mosquitto is not installed (.ci/run installs it)';

/** Lines of a mosquitto log that report a failure (OpenSSL errors, failed connections, protocol errors). */
const errorLines = (log: string) => log.split('\n').filter((l) => /error|failed|protocol error/i.test(l));

test('a default scan of a TLS listener leaves at most 3 error lines in mosquitto\'s log, and still finds every suite', { skip }, async () => {
  const dir = labDir('mqtt-audit-quiet-');
  for (const f of ['server.crt', 'server.key']) copyFileSync(join(testPki(), f), join(dir, f));
  openUp(dir);
  const port = await freePort();
  const brokers: Broker[] = [];
  try {
    brokers.push(await startMosquitto(dir, 'quiet', '127.0.0.1', port, `log_dest stdout\nlog_type all\nlistener ${port} 127.0.0.1\ncertfile ${join(dir, 'server.crt')}\nkeyfile ${join(dir, 'server.key')}\nallow_anonymous true\n`));
    const before = errorLines(brokers[0].log()).length;
    const r = await runMain(['scan', `mqtts://127.0.0.1:${port}`, '--listen', '0', '--format', 'json', '--fail-on', 'none']);
    const t = (JSON.parse(r.stdout) as Result).targets[0] as unknown as { tls: { ciphers: Record<string, string[]>; legacy: Record<string, boolean | null> } };
    await new Promise((res) => setTimeout(res, 300));
    const errors = errorLines(brokers[0].log()).slice(before);
    assert.ok(errors.length <= 3, `${errors.length} error lines:\n${errors.join('\n')}`);
    // Elimination found what one handshake per suite finds: mosquitto's defaults accept all three TLS 1.3 suites.
    assert.deepEqual(t.tls.ciphers['TLSv1.3'], ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);
    assert.ok(t.tls.ciphers['TLSv1.2'].includes('ECDHE-RSA-AES128-GCM-SHA256'));
    assert.equal(t.tls.legacy['TLSv1.1'], false);
  } finally {
    await stopAll(brokers);
  }
});
