/** @fileoverview The scanner test lab on 127.0.0.64/28: real mosquitto brokers, aedes, a non-MQTT service and a silent listener. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:net';
import { connectAsync } from 'mqtt';
import { Aedes } from 'aedes';
import { genKey, makePki, selfSign, signCert } from '../helpers/pki.js';
import { labDir, listenOn, openUp, passwdLine, startBanner, startMosquitto, startSilent, stopAll, type Broker } from '../helpers/brokers.js';

const DAY = 86400000;

/** Addresses of the lab, by role. */
export const LAB = {
  range: '127.0.0.64/28',
  anonymous: '127.0.0.65',
  password: '127.0.0.66',
  mutualTls: '127.0.0.67',
  expired: '127.0.0.68',
  tls11: '127.0.0.69',
  wrongHost: '127.0.0.70',
  selfSigned: '127.0.0.71',
  weakKey: '127.0.0.72',
  expiring: '127.0.0.73',
  banner: '127.0.0.74',
  silent: '127.0.0.75',
  aedes: '127.0.0.76',
  modern: '127.0.0.77',
} as const;

/** Topic names a hostile publisher picks, to attack whoever renders a report. */
export const HOSTILE_TOPICS = ['lab/<img src=x onerror=window.__pwned=1>', 'lab/</script><script>window.__pwned=2</script>', 'lab/"><svg onload=window.__pwned=3>'];

/** Payloads that must be recognised as sensitive (topic → payload), and the values that must never reach a report. */
export const SENSITIVE: Record<string, string> = {
  'owntracks/alice/phone': '{"_type":"location","lat":52.520008,"lon":13.404954,"tst":1764000000,"acc":12}',
  'devices/gw-7/config': '{"mqtt_user":"gw-7","password":"Tr0ub4dor&3-gw7","interval":30}',
  'backup/keys': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n',
  'crm/contact': 'call back jane.doe@example.org before noon',
  'hotel/room-12/wifi': 'WIFI:T:WPA;S:Guest-Net;P:sunny-beach-2026;;',
};
export const SENSITIVE_VALUES = ['Tr0ub4dor&3-gw7', 'MIIEvQIBADANBgkqhkiG9w0', 'jane.doe@example.org', 'sunny-beach-2026', '52.520008'];

/** A running lab and the files a scan of it needs. */
export interface Lab {
  dir: string;
  ca: string;
  clientCert: string;
  clientKey: string;
  credentials: string;
  stop(): Promise<void>;
}

/** Start the whole lab; each broker gets its own config and certificate. */
export async function startLab(): Promise<Lab> {
  const dir = labDir('mqtt-audit-lab-');
  const pki = makePki(join(dir, 'pki'));
  const now = Date.now();
  const cert = (name: string, ip: string, o: { start?: number; end?: number; bits?: number; san?: string } = {}) => {
    const key = o.bits ? genKey(pki, `${name}.key`, o.bits) : join(pki, 'server.key');
    return { crt: signCert(pki, { name, key, cn: ip, start: new Date(o.start ?? now - DAY), end: new Date(o.end ?? now + 365 * DAY), san: o.san ?? `IP:${ip}` }), key };
  };
  const tls = (c: { crt: string; key: string }, extra = '') => `certfile ${c.crt}\nkeyfile ${c.key}\n${extra}`;
  const mutual = cert('mutual', LAB.mutualTls);
  const expired = cert('lab-expired', LAB.expired, { start: now - 400 * DAY, end: now - 40 * DAY });
  const legacy = cert('tls11', LAB.tls11);
  const wrong = cert('wronghost', LAB.wrongHost, { san: 'DNS:other.example' });
  const selfKey = genKey(pki, 'self.key');
  const self = { crt: selfSign(pki, 'self.crt', selfKey, LAB.selfSigned, `IP:${LAB.selfSigned}`), key: selfKey };
  const weak = cert('weak1024', LAB.weakKey, { bits: 1024 });
  const expiring = cert('lab-expiring', LAB.expiring, { start: now - 300 * DAY, end: now + 10 * DAY + 3600000 });
  writeFileSync(join(dir, 'passwd'), `${passwdLine('alice', 'correct horse battery staple')}\n${passwdLine('admin', 'changeme')}\n`);
  writeFileSync(join(dir, 'acl'), 'user alice\ntopic read sensors/alice/#\nuser admin\ntopic readwrite admin/#\npattern readwrite devices/%u/#\n');
  const credentials = join(dir, 'credentials.txt');
  writeFileSync(credentials, '# common defaults\nroot:root\nadmin:changeme\nguest:guest\n');
  openUp(dir);

  const running: (Broker | Server | { close(): unknown })[] = [];
  const mosq = async (name: string, host: string, port: number, body: string) => running.push(await startMosquitto(dir, name, host, port, `log_dest stdout\n${body}`));
  try {
    await mosq('anonymous', LAB.anonymous, 1883, `listener 1883 ${LAB.anonymous}\nallow_anonymous true\n`);
    await mosq('password', LAB.password, 1883, `listener 1883 ${LAB.password}\nallow_anonymous false\npassword_file ${join(dir, 'passwd')}\nacl_file ${join(dir, 'acl')}\n`);
    await mosq('mutual', LAB.mutualTls, 8883, `listener 8883 ${LAB.mutualTls}\n${tls(mutual, `cafile ${join(pki, 'ca.crt')}\nrequire_certificate true\nuse_identity_as_username true\ntls_version tlsv1.2\n`)}acl_file ${join(dir, 'acl')}\n`);
    await mosq('expired', LAB.expired, 8883, `listener 8883 ${LAB.expired}\n${tls(expired)}allow_anonymous true\n`);
    await mosq('tls11', LAB.tls11, 8883, `listener 8883 ${LAB.tls11}\n${tls(legacy, 'tls_version tlsv1.1\nciphers DEFAULT:@SECLEVEL=0\n')}allow_anonymous true\n`);
    await mosq('wronghost', LAB.wrongHost, 8883, `listener 8883 ${LAB.wrongHost}\n${tls(wrong)}allow_anonymous false\npassword_file ${join(dir, 'passwd')}\n`);
    await mosq('selfsigned', LAB.selfSigned, 8883, `listener 8883 ${LAB.selfSigned}\n${tls(self)}allow_anonymous false\npassword_file ${join(dir, 'passwd')}\n`);
    await mosq('weakkey', LAB.weakKey, 8883, `listener 8883 ${LAB.weakKey}\n${tls(weak, 'ciphers DEFAULT:@SECLEVEL=1\n')}allow_anonymous false\npassword_file ${join(dir, 'passwd')}\n`);
    await mosq('modern', LAB.modern, 8883, `listener 8883 ${LAB.modern}\n${tls(cert('modern', LAB.modern), 'tls_version tlsv1.3\n')}allow_anonymous false\npassword_file ${join(dir, 'passwd')}\n`);
    await mosq('expiring', LAB.expiring, 8883, `listener 8883 ${LAB.expiring}\n${tls(expiring)}allow_anonymous false\npassword_file ${join(dir, 'passwd')}\n`);
    running.push(await startBanner(LAB.banner, 1883));
    running.push(await startSilent(LAB.silent, 1883));
    const aedes = await Aedes.createBroker();
    running.push(await listenOn(LAB.aedes, 1883, (s) => aedes.handle(s)), { close: () => aedes.close() });
    // A device publishing retained telemetry on the anonymous broker.
    const pub = await connectAsync(`mqtt://${LAB.anonymous}:1883`, { clientId: 'lab-publisher', reconnectPeriod: 0 });
    await pub.publishAsync('sensors/kitchen/temperature', '21.5', { retain: true, qos: 1 });
    await pub.publishAsync('sensors/kitchen/humidity', '40', { retain: true, qos: 1 });
    // Hostile text reaches reports through topic names: they must show as text and run nothing.
    for (const t of HOSTILE_TOPICS) await pub.publishAsync(t, 'x', { retain: true, qos: 1 });
    for (const [t, p] of Object.entries(SENSITIVE)) await pub.publishAsync(t, p, { retain: true, qos: 1 });
    await pub.endAsync();
  } catch (e) {
    await stopAll(running);
    throw e;
  }
  return { dir, ca: join(pki, 'ca.crt'), clientCert: join(pki, 'client.crt'), clientKey: join(pki, 'client.key'), credentials, stop: () => stopAll(running) };
}
