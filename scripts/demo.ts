/** @fileoverview `npm run demo`: start a deliberately weak mosquitto on loopback, scan it, write a report — the tool at work in one command. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { main } from '../src/cli/main.js';
import { PACKAGE_ROOT } from '../src/common/package.js';
import { freePort, labDir, MOSQUITTO, startMosquitto, stopAll } from '../test/helpers/brokers.js';


if (!MOSQUITTO) {
  process.stderr.write('npm run demo needs mosquitto: apt-get install -y mosquitto\n');
  process.exit(2);
}
const host = '127.0.0.1';
const port = await freePort(host);
const dir = labDir('mqtt-audit-demo-');
process.stdout.write(`Starting a deliberately weak mosquitto on ${host}:${port} (anonymous, no TLS, no ACL)…\n`);
const broker = await startMosquitto(dir, 'weak', host, port, `listener ${port} ${host}\nallow_anonymous true\n`);
try {
  const device = await connectAsync(`mqtt://${host}:${port}`, { clientId: 'demo-thermostat', reconnectPeriod: 0 });
  await device.publishAsync('home/livingroom/thermostat/setpoint', '21.5', { retain: true, qos: 1 });
  await device.publishAsync('home/frontdoor/lock/state', 'unlocked', { retain: true, qos: 1 });
  await device.publishAsync('home/owner/location', '{"lat":52.52,"lon":13.40}', { retain: true, qos: 1 });
  await device.endAsync();
  const out = join(PACKAGE_ROOT, 'demo-report');
  mkdirSync(out, { recursive: true });
  process.stdout.write(`Scanning it: mqtt-audit scan mqtt://${host}:${port} --listen 2 -o demo-report/report.html -o demo-report/report.json\n\n`);
  await main(['scan', `mqtt://${host}:${port}`, '--listen', '2', '-o', join(out, 'report.html'), '-o', join(out, 'report.json'), '-o', join(out, 'report.sarif')]);
  process.stdout.write(`\nReports written to ${out}/ (report.html, report.json, report.sarif).\n`);
} finally {
  await stopAll([broker]);
}
