/**
 * @fileoverview Table tests of the mqtt.* and tls.* rules, in memory: scanned targets (MQTT and TLS facts) and, for the
 * tls.* rules that also judge files, configurations with their certificate and key files.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { CertFacts, ConfigFacts, ModeFact, PemUnit } from '../../../src/model/config.js';
import type { ListenFacts, MqttFacts, TargetFacts, TlsFacts, WireCert } from '../../../src/model/wire.js';
import { cert, confFacts, scanFacts, target } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const DAY = 86_400_000;
/** The clock of every date-sensitive case. */
const NOW = new Date('2025-06-01T00:00:00.000Z');
/** An ISO date `days` from NOW. */
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

/** A certificate valid from 30 days before NOW for a year unless told otherwise. */
const crt = (over: Partial<CertFacts> = {}): CertFacts => cert({ notBefore: at(-30), notAfter: at(365), ...over });
/** A certificate as served on the wire. */
const wcrt = (over: Partial<CertFacts> = {}): WireCert => {
  const c = crt(over);
  return { ...c, daysLeft: Math.floor((Date.parse(c.notAfter) - NOW.getTime()) / DAY) };
};
const ROOT: Partial<CertFacts> = { subject: 'CN=Example CA', issuer: 'CN=Example CA', selfSigned: true, isCA: true };

/** A TLS target at 10.0.0.5:8883 that completed a TLS 1.3 handshake. */
const tlsTarget = (tls: TlsFacts = {}, over: Partial<TargetFacts> = {}): TargetFacts =>
  target({ host: '10.0.0.5', port: 8883, transport: 'tls', tls: { protocol: 'TLSv1.3', ...tls }, ...over });
/** Scan facts of one target. */
const scan1 = (t: TargetFacts) => ({ scan: scanFacts([t]) });

/** MQTT facts of a broker that refuses anonymous clients unless told otherwise. */
const mqtt = (over: Partial<MqttFacts> = {}): MqttFacts => ({ protocolVersion: 5, anonymous: false, anonymousResult: 'not authorised', connack: { v311: 5, v5: 135 }, ...over });
/** What a listening session saw. */
const listen = (over: Partial<ListenFacts> = {}): ListenFacts => ({ messages: 0, sysMessages: 0, retained: 0, bytes: 0, topics: [], topicsTruncated: false, stoppedBy: 'window', ...over });
const topic = (name: string, count: number, extra: Partial<ListenFacts['topics'][number]> = {}): ListenFacts['topics'][number] => ({ topic: name, count, bytes: count * 10, retained: false, ...extra });
const anonSession = { identity: 'anonymous' } as const;

/** Config facts with some PEM files (by the path the config names) given more facts (key, x509, keyFacts). */
function withPems(f: ConfigFacts, patch: Record<string, Partial<PemUnit>>): ConfigFacts {
  return { ...f, pems: f.pems.map((p) => (patch[p.ref.d.value] ? { ...p, ...patch[p.ref.d.value] } : p)) };
}

/** The TLS listener most file cases use: certfile on line 2, keyfile on line 3, cafile on line 4. */
const TLS_CONF = 'listener 8883\ncertfile certs/server.crt\nkeyfile certs/server.key\ncafile certs/ca.crt\n';
const BRIDGE_CONF = 'connection up\naddress upstream.example:8883\nbridge_cafile certs/ca.crt\nbridge_certfile certs/bridge.crt\nbridge_keyfile certs/bridge.key\nbridge_tls_version tlsv1.2\n';

// A self-signed EC certificate (CN=broker.example), its key, and an unrelated EC key: only for checkPrivateKey.
const CERT_A = `-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUXACAPYeW1/pQfu4wNeiZUjfJcggwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOYnJva2VyLmV4YW1wbGUwIBcNMjYxMjAyMTI1ODA4WhgPMjEy
NjExMDgxMjU4MDhaMBkxFzAVBgNVBAMMDmJyb2tlci5leGFtcGxlMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEGRdQeW0n4qVlAVm/oysCV8n8v9+GVEC4ldNSwbWE
eCopjbxWtyT910g9NirR1N4ftDMZCHHr6DANoy59tjOWtqNTMFEwHQYDVR0OBBYE
FI037m5d1vtpEA5GD7C8Xf/9qmYFMB8GA1UdIwQYMBaAFI037m5d1vtpEA5GD7C8
Xf/9qmYFMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAPEydIJX
BrvVZhu3qLWlmmrMwDeTWxjshGbJqud40SnEAiBEvGS7vlxwY+HSckm6x1vLThQA
/6rbnJOUnJTh5Ys4Fg==
-----END CERTIFICATE-----
`;
const KEY_A = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcriFA7AP4x+owqxP
bq0q2DmYSYmkgxV+XeZpcL3HeiahRANCAAQZF1B5bSfipWUBWb+jKwJXyfy/34ZU
QLiV01LBtYR4KimNvFa3JP3XSD02KtHU3h+0MxkIcevoMA2jLn22M5a2
-----END PRIVATE KEY-----
`;
const KEY_B = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgdwaD5rLDFtpuON79
KBUi4QnuZVm6m8DRyLAWM/trOPOhRANCAAQQCJnOlUTPNvVxxR5YUTaTKSmjSJ70
no3DZuuyzzbJfj8kNVHQPUZK3q5saE56aDWlEKq91MrN1DRhfe+YgORN
-----END PRIVATE KEY-----
`;
const x509A = new X509Certificate(CERT_A);
const keyA = createPrivateKey(KEY_A);
const keyB = createPrivateKey(KEY_B);

// ---------------------------------------------------------------- mqtt.*

ruleTester('mqtt.anonymous-access', {
  valid: [
    { name: 'a broker that refuses anonymous CONNECTs is not reported', facts: scan1(target({ mqtt: mqtt() })) },
    { name: 'a port that does not speak MQTT is not reported', facts: scan1(target({ state: 'not-mqtt' })) },
    {
      name: 'a CONNECT accepted with the client certificate given is not anonymous',
      facts: scan1(tlsTarget({ clientCertUsed: true }, { mqtt: mqtt({ anonymous: false, anonymousResult: 'accepted with the client certificate', connack: { v311: 0, v5: 0 }, session: { identity: 'certificate' } }) })),
    },
  ],
  invalid: [
    {
      name: 'accepted in both protocol versions names both',
      facts: scan1(target({ mqtt: mqtt({ anonymous: true, anonymousResult: 'accepted', connack: { v311: 0, v5: 0 }, brokerVersion: 'mosquitto version 2.0.18' }) })),
      findings: [{ message: '127.0.0.1:1883 accepts anonymous clients (MQTT 3.1.1 and MQTT 5)', target: '127.0.0.1:1883', evidence: { connack: { v311: 0, v5: 0 }, brokerVersion: 'mosquitto version 2.0.18', transport: 'tcp' } }],
    },
    {
      name: 'accepted only in MQTT 3.1.1 names 3.1.1 (a broker refusing MQTT 5 connections)',
      facts: scan1(target({ host: '10.0.0.7', mqtt: mqtt({ protocolVersion: 4, anonymous: true, anonymousResult: 'accepted', connack: { v311: 0, v5: 132 } }) })),
      findings: [{ message: '10.0.0.7:1883 accepts anonymous clients (MQTT 3.1.1)', target: '10.0.0.7:1883' }],
    },
    {
      name: 'accepted only in MQTT 5 names MQTT 5',
      facts: scan1(target({ mqtt: mqtt({ anonymous: true, anonymousResult: 'accepted (MQTT 5 only)', connack: { v311: 5, v5: 0 } }) })),
      findings: [{ message: '127.0.0.1:1883 accepts anonymous clients (MQTT 5)', target: '127.0.0.1:1883' }],
    },
    {
      name: 'a target named by host name shows the name and the address, and points at its --targets-file line',
      facts: { scan: scanFacts([target({ host: '10.0.0.5', name: 'broker.example', mqtt: mqtt({ anonymous: true, connack: { v311: 0, v5: 0 } }) })], { origins: { 0: { path: 'targets.txt', line: 3 } } }) },
      findings: [{ message: 'broker.example (10.0.0.5):1883 accepts anonymous clients (MQTT 3.1.1 and MQTT 5)', target: '10.0.0.5:1883', path: 'targets.txt', line: 3 }],
    },
    {
      name: 'an IPv6 target is shown in brackets',
      facts: scan1(target({ host: '::1', mqtt: mqtt({ anonymous: true, connack: { v311: 0, v5: 0 } }) })),
      findings: [{ message: '[::1]:1883 accepts anonymous clients (MQTT 3.1.1 and MQTT 5)', target: '[::1]:1883' }],
    },
    {
      name: 'each of several open targets is reported on its own',
      facts: { scan: scanFacts([target({ mqtt: mqtt({ anonymous: true, connack: { v311: 0, v5: 0 } }) }), target({ port: 1884, mqtt: mqtt() }), target({ port: 8080, websocket: '/mqtt', mqtt: mqtt({ anonymous: true, connack: { v311: 0, v5: 0 } }) })]) },
      findings: [
        { message: '127.0.0.1:1883 accepts anonymous clients (MQTT 3.1.1 and MQTT 5)', target: '127.0.0.1:1883' },
        { message: '127.0.0.1:8080 accepts anonymous clients (MQTT 3.1.1 and MQTT 5)', target: '127.0.0.1:8080', evidence: { websocket: '/mqtt' } },
      ],
    },
  ],
});

ruleTester('mqtt.plaintext-listener', {
  valid: [
    { name: 'MQTT over TLS is not reported', facts: scan1(tlsTarget({}, { mqtt: mqtt() })) },
    { name: 'an open TCP port that does not answer MQTT is not reported', facts: scan1(target({ state: 'not-mqtt', reason: 'no MQTT answer: not-mqtt' })) },
    { name: 'a closed port is not reported', facts: scan1(target({ state: 'closed' })) },
  ],
  invalid: [
    {
      name: 'a port that answers MQTT without TLS is reported, whether or not it accepts anonymous clients',
      facts: scan1(target({ host: '10.0.0.5', mqtt: mqtt() })),
      findings: [{ message: '10.0.0.5:1883 speaks MQTT without TLS', target: '10.0.0.5:1883' }],
    },
    {
      name: 'a port probed as TLS that speaks plaintext MQTT says it was expected to speak TLS',
      facts: scan1(target({ host: '10.0.0.5', port: 8883, reason: 'the port was probed as TLS but speaks plaintext MQTT', mqtt: mqtt() })),
      findings: [{ message: '10.0.0.5:8883 speaks MQTT without TLS (a port expected to speak TLS)', target: '10.0.0.5:8883' }],
    },
    {
      name: 'MQTT over plain WebSockets is plaintext too',
      facts: scan1(target({ host: '10.0.0.5', port: 8080, websocket: '/mqtt', mqtt: mqtt() })),
      findings: [{ message: '10.0.0.5:8080 speaks MQTT without TLS', target: '10.0.0.5:8080', evidence: { transport: 'tcp', websocket: '/mqtt' } }],
    },
  ],
});

ruleTester('mqtt.publish-allowed', {
  valid: [
    { name: 'a test message that did not come back is not reported', facts: scan1(target({ mqtt: mqtt({ anonymous: true, session: anonSession, publish: { topic: 'mqtt-audit/probe/x1', delivered: false } }) })) },
    { name: 'without --intrusive (no publish test) nothing is reported', facts: scan1(target({ mqtt: mqtt({ anonymous: true, session: anonSession, listen: listen() }) })) },
  ],
  invalid: [
    {
      name: 'an anonymous session whose test message was delivered may publish',
      facts: scan1(target({ mqtt: mqtt({ anonymous: true, session: anonSession, publish: { topic: 'mqtt-audit/probe/x1', delivered: true } }) })),
      findings: [{ message: 'an anonymous client on 127.0.0.1:1883 may publish: a test message to mqtt-audit/probe/x1 was delivered', target: '127.0.0.1:1883', evidence: { identity: 'an anonymous client', topic: 'mqtt-audit/probe/x1' } }],
    },
    {
      name: 'a user session is named by its user name',
      facts: scan1(target({ mqtt: mqtt({ session: { identity: 'user', username: 'alice' }, publish: { topic: 'mqtt-audit/probe/x2', delivered: true } }) })),
      findings: [{ message: 'user alice on 127.0.0.1:1883 may publish: a test message to mqtt-audit/probe/x2 was delivered', target: '127.0.0.1:1883' }],
    },
    {
      name: 'a client-certificate session is named as such',
      facts: scan1(tlsTarget({ clientCertUsed: true }, { mqtt: mqtt({ session: { identity: 'certificate' }, publish: { topic: 'mqtt-audit/probe/x3', delivered: true } }) })),
      findings: [{ message: 'a client with the given certificate on 10.0.0.5:8883 may publish: a test message to mqtt-audit/probe/x3 was delivered', target: '10.0.0.5:8883' }],
    },
  ],
});

ruleTester('mqtt.sensitive-data', {
  valid: [
    { name: 'readable topics without sensitive payloads are not reported', facts: scan1(target({ mqtt: mqtt({ session: anonSession, listen: listen({ messages: 4, topics: [topic('home/temp', 3), topic('home/door', 1, { sensitive: [] })] }) }) })) },
    { name: 'no listening session, nothing to judge', facts: scan1(target({ mqtt: mqtt() })) },
  ],
  invalid: [
    {
      name: 'the kinds are listed once each, sorted, with the number of topics that carry them',
      facts: scan1(target({
        mqtt: mqtt({
          anonymous: true,
          session: anonSession,
          listen: listen({ messages: 9, topics: [topic('owntracks/bob/phone', 4, { sensitive: ['gps-position'] }), topic('home/temp', 3), topic('devices/gw/config', 2, { sensitive: ['credentials', 'gps-position'] })] }),
        }),
      })),
      findings: [{
        message: 'an anonymous client on 127.0.0.1:1883 can read credentials, gps-position on 2 topics: owntracks/bob/phone, devices/gw/config',
        target: '127.0.0.1:1883',
        evidence: { kinds: ['credentials', 'gps-position'], topics: [{ topic: 'owntracks/bob/phone', kinds: ['gps-position'] }, { topic: 'devices/gw/config', kinds: ['credentials', 'gps-position'] }] },
      }],
    },
    {
      name: 'a guessed user session is named by its user name',
      facts: scan1(target({ mqtt: mqtt({ weakCredential: 'admin', credentialAttempts: 2, session: { identity: 'user', username: 'admin' }, listen: listen({ messages: 3, topics: [topic('wifi/setup', 1, { sensitive: ['wifi-password'] }), topic('$SYS/broker/log/N', 2, { sensitive: ['email'] })] }) }) })),
      findings: [{ message: 'user admin on 127.0.0.1:1883 can read email, wifi-password on 2 topics: wifi/setup, $SYS/broker/log/N', target: '127.0.0.1:1883' }],
    },
  ],
});

ruleTester('mqtt.sys-exposed', {
  valid: [
    { name: 'a session that received no $SYS messages is not reported', facts: scan1(target({ mqtt: mqtt({ session: anonSession, listen: listen({ messages: 5, sysMessages: 0, topics: [topic('a/b', 5)] }) }) })) },
    { name: 'no listening session (anonymous refused, no user), nothing to judge', facts: scan1(target({ mqtt: mqtt() })) },
  ],
  invalid: [
    {
      name: 'readable $SYS with the broker version names the version',
      facts: scan1(target({ mqtt: mqtt({ anonymous: true, session: anonSession, brokerVersion: 'mosquitto version 2.0.18', listen: listen({ sysMessages: 40, brokerVersion: 'mosquitto version 2.0.18' }) }) })),
      findings: [{ message: 'an anonymous client on 127.0.0.1:1883 can read $SYS (mosquitto version 2.0.18)', target: '127.0.0.1:1883', evidence: { sysMessages: 40, brokerVersion: 'mosquitto version 2.0.18', identity: 'an anonymous client' } }],
    },
    {
      name: 'readable $SYS without a version says so without one',
      facts: scan1(target({ mqtt: mqtt({ session: { identity: 'user', username: 'monitor' }, listen: listen({ sysMessages: 3 }) }) })),
      findings: [{ message: 'user monitor on 127.0.0.1:1883 can read $SYS', target: '127.0.0.1:1883' }],
    },
  ],
});

ruleTester('mqtt.vulnerable-version', {
  valid: [
    { name: 'a mosquitto version past every fixedIn is not reported (2.0.16)', facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '2.0.16' } }) })) },
    { name: 'a current mosquitto version is not reported (2.0.18)', facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '2.0.18' } }) })) },
    { name: 'a product without entries in the data file is not reported', facts: scan1(target({ mqtt: mqtt({ product: { name: 'emqx', version: '2.0.15' } }) })) },
    { name: 'a product that does not say its version is not reported', facts: scan1(target({ mqtt: mqtt({ product: { name: 'aedes' } }) })) },
    { name: 'a version that is not dotted numbers is not matched', facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '2.0.15-1ubuntu1' } }) })) },
    { name: 'a broker that does not reveal its product is not reported', facts: scan1(target({ mqtt: mqtt({ brokerVersion: 'mosquitto version 2.0.15' }) })) },
  ],
  invalid: [
    {
      name: 'mosquitto 2.0.11 is also Debian 12\'s build, which backports all four fixes: low, and it says so',
      facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '2.0.11' } }) })),
      findings: [{
        message: '127.0.0.1:1883 reports mosquitto 2.0.11: by version alone affected by CVE-2023-28366, CVE-2023-3592, CVE-2023-0809, CVE-2021-34434, but Debian 12 (bookworm) 2.0.11-1.2+deb12u1 reports the same version and carries the fixes for all of them; check the package installed on the host',
        severity: 'low',
        evidence: { basis: 'version string', backportedIn: 'Debian 12 (bookworm) 2.0.11-1.2+deb12u1' },
      }],
    },
    {
      name: 'mosquitto 2.0.9: the Debian build reports another version, so nothing is backported for it',
      facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '2.0.9' } }) })),
      findings: [{ message: '127.0.0.1:1883 reports mosquitto 2.0.9, which by its version string alone is affected by 5 known vulnerabilities (CVE-2023-28366, CVE-2023-3592, CVE-2023-0809, CVE-2021-34434, CVE-2021-28166); fixed in 2.0.16', severity: 'medium' }],
    },
    {
      name: 'mosquitto 2.0.15 has three medium vulnerabilities: the medium variant',
      facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '2.0.15' } }) })),
      findings: [{
        message: '127.0.0.1:1883 reports mosquitto 2.0.15, which by its version string alone is affected by 3 known vulnerabilities (CVE-2023-28366, CVE-2023-3592, CVE-2023-0809); fixed in 2.0.16',
        severity: 'medium',
        target: '127.0.0.1:1883',
        evidence: { product: 'mosquitto', version: '2.0.15' },
      }],
    },
    {
      name: 'mosquitto 1.6.4 includes a high vulnerability (upper bound of CVE-2019-11778): the rule severity',
      facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '1.6.4' } }) })),
      findings: [{ message: '127.0.0.1:1883 reports mosquitto 1.6.4, which by its version string alone is affected by 5 known vulnerabilities (CVE-2023-28366, CVE-2023-3592, CVE-2023-0809, CVE-2019-11779, CVE-2019-11778); fixed in 2.0.16', target: '127.0.0.1:1883' }],
    },
    {
      name: 'mosquitto 1.6.5 is past the high one and only medium remain',
      facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '1.6.5' } }) })),
      findings: [{ message: '127.0.0.1:1883 reports mosquitto 1.6.5, which by its version string alone is affected by 4 known vulnerabilities (CVE-2023-28366, CVE-2023-3592, CVE-2023-0809, CVE-2019-11779); fixed in 2.0.16', severity: 'medium' }],
    },
    {
      name: 'a two-part version 1.5 is 1.5.0 and matches ranges starting at 1.5',
      facts: scan1(target({ name: 'broker.example', host: '10.0.0.5', mqtt: mqtt({ product: { name: 'mosquitto', version: '1.5' } }) })),
      findings: [{ message: 'broker.example (10.0.0.5):1883 reports mosquitto 1.5, which by its version string alone is affected by 5 known vulnerabilities (CVE-2023-28366, CVE-2023-0809, CVE-2019-11779, CVE-2018-20145, CVE-2018-12543); fixed in 2.0.16', target: '10.0.0.5:1883' }],
    },
    {
      name: 'an old 1.4.10 names the 1.4.x vulnerabilities and the highest fixedIn',
      facts: scan1(target({ mqtt: mqtt({ product: { name: 'mosquitto', version: '1.4.10' } }) })),
      findings: [{ message: '127.0.0.1:1883 reports mosquitto 1.4.10, which by its version string alone is affected by 8 known vulnerabilities (CVE-2023-28366, CVE-2017-7655, CVE-2017-7654, CVE-2017-7653, CVE-2017-7652, CVE-2017-7651, CVE-2017-9868, CVE-2017-7650); fixed in 2.0.16' }],
    },
  ],
});

ruleTester('mqtt.weak-credentials', {
  valid: [
    { name: 'no accepted pair from the credentials list is not reported', facts: scan1(target({ mqtt: mqtt({ credentialAttempts: 100 }) })) },
    { name: 'a login with --username that worked is not a guessed credential', facts: scan1(target({ mqtt: mqtt({ session: { identity: 'user', username: 'alice' } }) })) },
  ],
  invalid: [
    {
      name: 'an accepted pair names the user and the number of attempts, never the password',
      facts: scan1(target({ host: '10.0.0.5', mqtt: mqtt({ weakCredential: 'admin', credentialAttempts: 3, session: { identity: 'user', username: 'admin' } }) })),
      findings: [{ message: '10.0.0.5:1883 accepted user admin with a password from the credentials list (after 3 attempts)', target: '10.0.0.5:1883', evidence: { username: 'admin', attempts: 3 } }],
    },
  ],
});

ruleTester('mqtt.wildcard-subscribe', {
  valid: [
    { name: 'a session that received nothing on # is not reported', facts: scan1(target({ mqtt: mqtt({ session: anonSession, listen: listen() }) })) },
    { name: 'only $SYS messages do not count: # does not match $ topics', facts: scan1(target({ mqtt: mqtt({ session: anonSession, listen: listen({ messages: 30, sysMessages: 30, topics: [topic('$SYS/broker/uptime', 10), topic('$SYS/broker/clients/connected', 20)] }) }) })) },
    { name: 'no listening session, nothing to judge', facts: scan1(target({ mqtt: mqtt() })) },
  ],
  invalid: [
    {
      name: 'messages on ordinary topics are counted, $SYS topics left out',
      facts: scan1(target({ mqtt: mqtt({ anonymous: true, session: anonSession, listen: listen({ messages: 12, sysMessages: 5, topics: [topic('home/temp', 4, { retained: true }), topic('$SYS/broker/uptime', 5), topic('home/door', 3)] }) }) })),
      findings: [{ message: 'an anonymous client on 127.0.0.1:1883 received 7 messages on 2 topics by subscribing to #', target: '127.0.0.1:1883', evidence: { identity: 'an anonymous client', messages: 7, topics: ['home/temp', 'home/door'], topicCount: 2, retained: 1 } }],
    },
    {
      name: 'a user session is named, and a truncated topic list is flagged in the evidence',
      facts: scan1(target({ mqtt: mqtt({ session: { identity: 'user', username: 'bob' }, listen: listen({ messages: 5, topicsTruncated: true, topics: [topic('a', 2), topic('b', 3)] }) }) })),
      findings: [{ message: 'user bob on 127.0.0.1:1883 received 5 messages on 2 topics by subscribing to #', evidence: { topicsTruncated: true } }],
    },
  ],
});

// ---------------------------------------------------------------- tls.* (files and wire)

ruleTester('tls.cert-expired', {
  valid: [
    { name: 'a certfile valid for another year is not reported', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt()] } }) }, settings: { now: NOW } },
    { name: 'a certificate whose notAfter is exactly now has not expired yet', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(0) })] } }) }, settings: { now: NOW } },
    {
      name: 'a CA file of more than 20 certificates is a trust store: its certificates are not judged',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/ca.crt': [crt({ ...ROOT, subject: 'CN=Old Root', notAfter: at(-10) }), ...Array.from({ length: 20 }, (_, i) => crt({ ...ROOT, subject: `CN=Root ${i}` }))] } }) },
      settings: { now: NOW },
    },
    { name: 'an expired self-signed root behind the leaf in a served chain is not reported (clients use their own anchors)', facts: scan1(tlsTarget({ chain: [wcrt(), wcrt({ ...ROOT, notAfter: at(-5) })] })), settings: { now: NOW } },
    { name: 'a certificate that expires later than the clock setting is valid: `now` decides', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(-1) })] } }) }, settings: { now: new Date(NOW.getTime() - 2 * DAY) } },
  ],
  invalid: [
    {
      name: 'an expired certfile is reported at its config line',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(-1) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in certs/server.crt expired on 2025-05-31', line: 2, evidence: { file: 'certs/server.crt', subject: 'CN=broker.example' } }],
    },
    {
      name: 'an expired root in a small cafile is reported at the cafile line',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/ca.crt': [crt({ ...ROOT, subject: 'CN=Old Root', issuer: 'CN=Old Root', notAfter: at(-100) }), crt(ROOT)] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=Old Root in certs/ca.crt expired on 2025-02-21', line: 4 }],
    },
    {
      name: 'a file named by an absolute path outside the working directory is shown absolute; a bridge certificate counts too',
      facts: { config: confFacts('connection up\naddress upstream.example:8883\nbridge_certfile /etc/mosquitto/certs/bridge.crt\n', { certs: { '/etc/mosquitto/certs/bridge.crt': [crt({ subject: 'CN=bridge', notAfter: at(-3) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=bridge in /etc/mosquitto/certs/bridge.crt expired on 2025-05-29', line: 3 }],
    },
    {
      name: 'a certfile in an include_dir file is reported at that file and line',
      facts: { config: confFacts('include_dir conf.d\n', { included: ['listener 8883\ncertfile certs/server.crt\n'], certs: { 'certs/server.crt': [crt({ notAfter: at(-1) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in certs/server.crt expired on 2025-05-31', path: 'conf.d/10.conf', line: 2 }],
    },
    {
      name: 'an expired leaf served on the wire is reported on the target',
      facts: scan1(tlsTarget({ chain: [wcrt({ notAfter: at(-2) }), wcrt(ROOT)] })),
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in the chain served by 10.0.0.5:8883 expired on 2025-05-30', target: '10.0.0.5:8883', evidence: { position: 0 } }],
    },
    {
      name: 'an expired intermediate (not self-signed) behind the leaf is reported',
      facts: scan1(tlsTarget({ chain: [wcrt(), wcrt({ subject: 'CN=Issuing CA', isCA: true, notAfter: at(-7) })] }, { name: 'broker.example' })),
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=Issuing CA in the chain served by broker.example (10.0.0.5):8883 expired on 2025-05-25', target: '10.0.0.5:8883', evidence: { position: 1 } }],
    },
    {
      name: 'an expired self-signed leaf served on the wire is reported',
      facts: scan1(tlsTarget({ chain: [wcrt({ selfSigned: true, issuer: 'CN=broker.example', notAfter: at(-1) })] })),
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in the chain served by 10.0.0.5:8883 expired on 2025-05-31', target: '10.0.0.5:8883' }],
    },
    {
      name: 'with a configuration and a scan together, the certificate the file holds and the broker serves is reported once, at the file',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(-1) })] } }), scan: scanFacts([tlsTarget({ chain: [wcrt({ notAfter: at(-1) })] })]) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in certs/server.crt expired on 2025-05-31', line: 2 }],
    },
  ],
});

ruleTester('tls.cert-expiring', {
  valid: [
    { name: 'a certificate with a year left is not reported', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt()] } }) }, settings: { now: NOW } },
    { name: 'exactly 30 days left is outside the default 30-day window', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(30) })] } }) }, settings: { now: NOW } },
    { name: 'an expired certificate is tls.cert-expired, not expiring', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(-1) })] } }) }, settings: { now: NOW } },
    { name: 'expiryDays 7 leaves a certificate with 10 days alone', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(10) })] } }) }, settings: { now: NOW, expiryDays: 7 } },
    { name: 'a self-signed root behind the leaf on the wire is not reported', facts: scan1(tlsTarget({ chain: [wcrt(), wcrt({ ...ROOT, notAfter: at(3) })] })), settings: { now: NOW } },
  ],
  invalid: [
    {
      name: 'a certfile with 10 days left is reported with the days and the date',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(10) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in certs/server.crt expires in 10 days (2025-06-11)', line: 2, evidence: { daysLeft: 10 } }],
    },
    {
      name: 'days are counted down: 29.5 days left is 29 days',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/ca.crt': [crt({ ...ROOT, notAfter: at(29.5) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=Example CA in certs/ca.crt expires in 29 days (2025-06-30)', line: 4 }],
    },
    {
      name: 'expiryDays 60 widens the window to a certificate with 45 days left',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notAfter: at(45) })] } }) },
      settings: { now: NOW, expiryDays: 60 },
      findings: [{ message: 'certificate CN=broker.example in certs/server.crt expires in 45 days (2025-07-16)', line: 2 }],
    },
    {
      name: 'a served leaf with 5 days left is reported on the target',
      facts: scan1(tlsTarget({ chain: [wcrt({ notAfter: at(5) })] })),
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in the chain served by 10.0.0.5:8883 expires in 5 days (2025-06-06)', target: '10.0.0.5:8883', evidence: { daysLeft: 5 } }],
    },
    {
      name: 'a served intermediate with 20 days left is reported',
      facts: scan1(tlsTarget({ chain: [wcrt(), wcrt({ subject: 'CN=Issuing CA', isCA: true, notAfter: at(20) })] })),
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=Issuing CA in the chain served by 10.0.0.5:8883 expires in 20 days (2025-06-21)', target: '10.0.0.5:8883' }],
    },
  ],
});

ruleTester('tls.cert-key-mismatch', {
  valid: [
    { name: 'a certfile and the keyfile it was made from belong together', facts: { config: withPems(confFacts(TLS_CONF, { exists: ['certs/server.crt', 'certs/server.key'] }), { 'certs/server.crt': { x509: [x509A] }, 'certs/server.key': { key: keyA } }) } },
    { name: 'a keyfile whose certfile could not be read is not judged', facts: { config: withPems(confFacts(TLS_CONF, { exists: ['certs/server.key'], pemErrors: { 'certs/server.crt': 'no PEM certificate in the file' } }), { 'certs/server.key': { key: keyB } }) } },
    {
      name: 'in local-only mode (no listener, port or bind_address) listener options are ignored, so certfile and keyfile are not paired',
      facts: { config: withPems(confFacts('certfile certs/server.crt\nkeyfile certs/server.key\n', { exists: ['certs/server.crt', 'certs/server.key'] }), { 'certs/server.crt': { x509: [x509A] }, 'certs/server.key': { key: keyB } }) },
    },
    { name: 'a keyfile without a certfile on its listener is not judged', facts: { config: withPems(confFacts('listener 8883\nkeyfile certs/server.key\n', { exists: ['certs/server.key'] }), { 'certs/server.key': { key: keyB } }) } },
    {
      name: 'a matching bridge certificate and key pass',
      facts: { config: withPems(confFacts(BRIDGE_CONF, { exists: ['certs/bridge.crt', 'certs/bridge.key'] }), { 'certs/bridge.crt': { x509: [x509A] }, 'certs/bridge.key': { key: keyA } }) },
    },
  ],
  invalid: [
    {
      name: 'a keyfile of another key is reported at the keyfile line, naming both files as written',
      facts: { config: withPems(confFacts(TLS_CONF, { exists: ['certs/server.crt', 'certs/server.key'] }), { 'certs/server.crt': { x509: [x509A] }, 'certs/server.key': { key: keyB } }) },
      findings: [{ message: 'keyfile certs/server.key does not belong to certfile certs/server.crt: the broker will not start', line: 3 }],
    },
    {
      name: 'each listener pairs its own certfile and keyfile',
      facts: {
        config: withPems(confFacts('listener 8883\ncertfile certs/a.crt\nkeyfile certs/a.key\nlistener 8884\ncertfile certs/a.crt\nkeyfile certs/b.key\n', { exists: ['certs/a.crt', 'certs/a.key', 'certs/b.key'] }), {
          'certs/a.crt': { x509: [x509A] },
          'certs/a.key': { key: keyA },
          'certs/b.key': { key: keyB },
        }),
      },
      findings: [{ message: 'keyfile certs/b.key does not belong to certfile certs/a.crt: the broker will not start', line: 6 }],
    },
    {
      name: 'certfile and keyfile on the default listener (port, no listener line) are paired too',
      facts: { config: withPems(confFacts('port 8883\ncertfile /etc/mosquitto/server.crt\nkeyfile /etc/mosquitto/server.key\n', { exists: ['/etc/mosquitto/server.crt', '/etc/mosquitto/server.key'] }), { '/etc/mosquitto/server.crt': { x509: [x509A] }, '/etc/mosquitto/server.key': { key: keyB } }) },
      findings: [{ message: 'keyfile /etc/mosquitto/server.key does not belong to certfile /etc/mosquitto/server.crt: the broker will not start', line: 3 }],
    },
    {
      name: 'bridge_certfile and bridge_keyfile of a bridge that do not belong together',
      facts: { config: withPems(confFacts(BRIDGE_CONF, { exists: ['certs/bridge.crt', 'certs/bridge.key'] }), { 'certs/bridge.crt': { x509: [x509A] }, 'certs/bridge.key': { key: keyB } }) },
      findings: [{ message: 'keyfile certs/bridge.key does not belong to certfile certs/bridge.crt: the broker will not start', line: 5 }],
    },
  ],
});

ruleTester('tls.cert-not-yet-valid', {
  valid: [
    { name: 'a certificate already valid is not reported', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt()] } }) }, settings: { now: NOW } },
    { name: 'a certificate valid from exactly now is valid', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notBefore: at(0) })] } }) }, settings: { now: NOW } },
    { name: 'on a later clock (`now`) the same certificate is valid', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notBefore: at(5) })] } }) }, settings: { now: new Date(NOW.getTime() + 6 * DAY) } },
    { name: 'a served certificate is not judged by this lint-only rule', facts: scan1(tlsTarget({ chain: [wcrt({ notBefore: at(5) })] })), settings: { now: NOW } },
  ],
  invalid: [
    {
      name: 'a certfile valid only from a future date is reported at its line',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ notBefore: at(5) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=broker.example in certs/server.crt is not valid before 2025-06-06', line: 2 }],
    },
    {
      name: 'a future CA in the cafile is reported at the cafile line',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/ca.crt': [crt({ ...ROOT, notBefore: at(1) })] } }) },
      settings: { now: NOW },
      findings: [{ message: 'certificate CN=Example CA in certs/ca.crt is not valid before 2025-06-02', line: 4 }],
    },
  ],
});

ruleTester('tls.cert-untrusted', {
  valid: [
    { name: 'a chain that verifies is not reported', facts: scan1(tlsTarget({ cert: wcrt(), chain: [wcrt()], trusted: true })) },
    { name: 'an expired certificate is left to tls.cert-expired', facts: scan1(tlsTarget({ cert: wcrt({ notAfter: at(-1) }), trusted: false, trustError: 'CERT_HAS_EXPIRED' })) },
    { name: 'a not-yet-valid certificate is left to tls.cert-not-yet-valid', facts: scan1(tlsTarget({ cert: wcrt(), trusted: false, trustError: 'CERT_NOT_YET_VALID' })) },
    { name: 'a target that refused the handshake without a client certificate has no certificate to judge', facts: scan1(target({ host: '10.0.0.5', port: 8883, transport: 'tls', tls: { clientCertRequired: true } })) },
    { name: 'a plaintext target is not judged', facts: scan1(target({ mqtt: mqtt() })) },
  ],
  invalid: [
    {
      name: 'a self-signed leaf is reported with the verification error and subject',
      facts: scan1(tlsTarget({ cert: wcrt({ selfSigned: true, issuer: 'CN=broker.example' }), trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' })),
      findings: [{ message: '10.0.0.5:8883 serves CN=broker.example, which does not verify: it is self-signed', target: '10.0.0.5:8883', evidence: { trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', selfSigned: true, issuer: 'CN=broker.example' } }],
    },
    {
      name: 'an unknown issuer is reported',
      facts: scan1(tlsTarget({ cert: wcrt({ subject: 'CN=mqtt.example.com' }), trusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }, { name: 'mqtt.example.com' })),
      findings: [{ message: 'mqtt.example.com (10.0.0.5):8883 serves CN=mqtt.example.com, which does not verify: its issuer is unknown', target: '10.0.0.5:8883' }],
    },
    {
      name: 'without an error code the reason is unknown',
      facts: scan1(tlsTarget({ cert: wcrt(), trusted: false })),
      findings: [{ message: '10.0.0.5:8883 serves CN=broker.example, which does not verify: unknown reason' }],
    },
  ],
});

ruleTester('tls.client-cert-not-required', {
  valid: [
    { name: 'a broker that refused us for want of a client certificate is not reported', facts: scan1(target({ host: '10.0.0.5', port: 8883, transport: 'tls', tls: { clientCertRequired: true } })) },
    { name: 'a TLS port that never got as far as MQTT says nothing either way', facts: scan1(tlsTarget({ cert: wcrt() }, { state: 'not-mqtt' })) },
    { name: 'a plaintext port is not judged', facts: scan1(target({ mqtt: mqtt({ anonymous: true, connack: { v311: 0, v5: 0 } }) })) },
  ],
  invalid: [
    {
      name: 'a TLS handshake and CONNECT without a client certificate is reported',
      facts: scan1(tlsTarget({ cert: wcrt(), clientCertRequired: false }, { mqtt: mqtt() })),
      findings: [{ message: '10.0.0.5:8883 does not require a client certificate', target: '10.0.0.5:8883' }],
    },
    {
      name: 'over secure WebSockets too',
      facts: scan1(tlsTarget({ cert: wcrt(), clientCertRequired: false }, { port: 8884, websocket: '/mqtt', name: 'broker.example', mqtt: mqtt() })),
      findings: [{ message: 'broker.example (10.0.0.5):8884 does not require a client certificate', target: '10.0.0.5:8884', evidence: { transport: 'tls', websocket: '/mqtt' } }],
    },
  ],
});

ruleTester('tls.file-invalid', {
  valid: [
    { name: 'readable certificate and key files are not reported', facts: { config: withPems(confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt()], 'certs/ca.crt': [crt(ROOT)] }, exists: ['certs/server.key'] }), { 'certs/server.key': { keyFacts: { keyType: 'ec', keyBits: 256, curve: 'prime256v1', encrypted: false } } }) } },
    { name: 'a missing file is conf.referenced-file-missing, not this rule', facts: { config: confFacts(TLS_CONF) } },
  ],
  invalid: [
    {
      name: 'a certfile that is not PEM is reported with the problem',
      facts: { config: confFacts(TLS_CONF, { pemErrors: { 'certs/server.crt': 'no PEM certificate in the file' } }) },
      findings: [{ message: 'certfile certs/server.crt: no PEM certificate in the file', line: 2 }],
    },
    {
      name: 'an unreadable cafile and keyfile are each reported',
      facts: { config: confFacts(TLS_CONF, { pemErrors: { 'certs/server.key': 'permission denied', 'certs/ca.crt': 'the file is empty' } }) },
      findings: [
        { message: 'keyfile certs/server.key: permission denied', line: 3 },
        { message: 'cafile certs/ca.crt: the file is empty', line: 4 },
      ],
    },
    {
      name: 'a passphrase-protected key is reported: mosquitto cannot ask for the passphrase',
      facts: { config: withPems(confFacts(TLS_CONF, { exists: ['certs/server.key'] }), { 'certs/server.key': { keyFacts: { keyType: 'unknown', encrypted: true } } }) },
      findings: [{ message: 'keyfile certs/server.key: the key is passphrase-protected and mosquitto 2.0 cannot ask for the passphrase', line: 3 }],
    },
    {
      name: 'a bridge key file outside the working directory is shown absolute',
      facts: { config: confFacts('connection up\naddress upstream.example:8883\nbridge_keyfile /etc/mosquitto/bridge.key\n', { pemErrors: { '/etc/mosquitto/bridge.key': 'no PEM private key in the file' } }) },
      findings: [{ message: 'bridge_keyfile /etc/mosquitto/bridge.key: no PEM private key in the file', line: 3 }],
    },
  ],
});

ruleTester('tls.hostname-mismatch', {
  valid: [
    { name: 'a certificate that covers the scanned name is not reported', facts: scan1(tlsTarget({ cert: wcrt({ subjectAltName: 'DNS:broker.example' }), checkedName: 'broker.example', hostnameOk: true }, { name: 'broker.example' })) },
    { name: 'without a certificate (client certificate required) there is nothing to judge', facts: scan1(target({ host: '10.0.0.5', port: 8883, transport: 'tls', tls: { clientCertRequired: true } })) },
  ],
  invalid: [
    {
      name: 'a certificate for another name lists what it covers (its subjectAltName)',
      facts: scan1(tlsTarget({ cert: wcrt({ subjectAltName: 'DNS:broker.example, DNS:mqtt.internal' }), checkedName: 'mqtt.example.com', hostnameOk: false }, { name: 'mqtt.example.com' })),
      findings: [{ message: 'mqtt.example.com (10.0.0.5):8883: the certificate does not cover mqtt.example.com (DNS:broker.example, DNS:mqtt.internal)', target: '10.0.0.5:8883', evidence: { checkedName: 'mqtt.example.com', subjectAltName: 'DNS:broker.example, DNS:mqtt.internal' } }],
    },
    {
      name: 'an address scanned by IP that is not in the certificate; without a subjectAltName the subject is shown',
      facts: scan1(tlsTarget({ cert: wcrt(), checkedName: '10.0.0.5', hostnameOk: false })),
      findings: [{ message: '10.0.0.5:8883: the certificate does not cover 10.0.0.5 (CN=broker.example)', target: '10.0.0.5:8883' }],
    },
  ],
});

ruleTester('tls.key-permissions', {
  valid: [
    { name: 'a key of mode 0600 is fine', facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o600 } }) } },
    { name: 'a key of mode 0640 (group read) is fine', facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o100640 } }) } },
    { name: 'a certificate of mode 0644 is not a private key', facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.crt', 'certs/ca.crt'], modes: { 'certs/server.crt': 0o644, 'certs/ca.crt': 0o666 } }) } },
    {
      name: 'a mode that is not meaningful (git work tree, --file-modes ignore) is not judged',
      facts: (() => {
        const f = confFacts(TLS_CONF, { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o644 } });
        return { config: { ...f, modes: new Map([...f.modes].map(([p, m]): [string, ModeFact] => [p, { ...m, checked: false }])) } };
      })(),
    },
    { name: 'a key whose mode is unknown is not judged', facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.key'] }) } },
  ],
  invalid: [
    {
      name: 'a key readable by others (0644) is reported at the keyfile line',
      facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o100644 } }) },
      findings: [{ message: 'private key certs/server.key has mode 0644', line: 3, evidence: { file: 'certs/server.key', mode: '0644' } }],
    },
    {
      name: 'a key writable by its group (0660) is reported',
      facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o660 } }) },
      findings: [{ message: 'private key certs/server.key has mode 0660', line: 3 }],
    },
    {
      name: 'a key writable by others only (0602) is reported',
      facts: { config: confFacts(TLS_CONF, { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o602 } }) },
      findings: [{ message: 'private key certs/server.key has mode 0602', line: 3 }],
    },
    {
      name: 'a key named by two listeners is reported once, at the first line that names it',
      facts: { config: confFacts('listener 8883\nkeyfile certs/server.key\nlistener 8884\nkeyfile certs/server.key\n', { exists: ['certs/server.key'], modes: { 'certs/server.key': 0o644 } }) },
      findings: [{ message: 'private key certs/server.key has mode 0644', line: 2 }],
    },
    {
      name: 'a bridge key outside the working directory is shown absolute',
      facts: { config: confFacts('connection up\naddress upstream.example:8883\nbridge_keyfile /etc/mosquitto/bridge.key\n', { exists: ['/etc/mosquitto/bridge.key'], modes: { '/etc/mosquitto/bridge.key': 0o604 } }) },
      findings: [{ message: 'private key /etc/mosquitto/bridge.key has mode 0604', line: 3 }],
    },
  ],
});

ruleTester('tls.legacy-protocol', {
  valid: [
    { name: 'tls_version tlsv1.2 and bridge_tls_version tlsv1.2 allow no legacy protocol', facts: { config: confFacts(`listener 8883\ntls_version tlsv1.2\n${BRIDGE_CONF}`) } },
    { name: 'no tls_version at all is the TLS 1.2 default', facts: { config: confFacts(TLS_CONF) } },
    { name: 'a server that refuses TLS 1.0 and 1.1 handshakes is not reported', facts: scan1(tlsTarget({ legacy: { TLSv1: false, 'TLSv1.1': false } })) },
    { name: 'versions this machine could not try (null) are unknown, not accepted', facts: scan1(tlsTarget({ legacy: { TLSv1: null, 'TLSv1.1': null } })) },
  ],
  invalid: [
    {
      name: 'tls_version tlsv1.1 on a listener allows TLS 1.1',
      facts: { config: confFacts('listener 8883\ntls_version tlsv1.1\n') },
      findings: [{ message: 'tls_version allows TLS 1.1', line: 2 }],
    },
    {
      name: 'bridge_tls_version tlsv1.1 in a bridge allows TLS 1.1',
      facts: { config: confFacts(BRIDGE_CONF.replace('bridge_tls_version tlsv1.2', 'bridge_tls_version tlsv1.1')) },
      findings: [{ message: 'bridge_tls_version allows TLS 1.1', line: 6 }],
    },
    {
      name: 'a tls_version line in an include_dir file is reported at that file',
      facts: { config: confFacts('include_dir conf.d\n', { included: ['listener 8883\ntls_version tlsv1.1\n'] }) },
      findings: [{ message: 'tls_version allows TLS 1.1', path: 'conf.d/10.conf', line: 2 }],
    },
    {
      name: 'a server that completes a TLS 1.1 handshake is reported on the target',
      facts: scan1(tlsTarget({ legacy: { TLSv1: false, 'TLSv1.1': true } })),
      findings: [{ message: '10.0.0.5:8883 allows TLS 1.1', target: '10.0.0.5:8883', evidence: { legacy: { TLSv1: false, 'TLSv1.1': true } } }],
    },
  ],
});

const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

ruleTester('tls.no-forward-secrecy', {
  valid: [
    { name: 'only ECDHE and DHE suites have forward secrecy', facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'DHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA'], 'TLSv1.3': TLS13 } })) },
    { name: 'a TLS 1.3-only server has forward secrecy', facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': [], 'TLSv1.3': TLS13 } })) },
    { name: 'suites unknown (a client certificate was required) are not judged', facts: scan1(target({ host: '10.0.0.5', port: 8883, transport: 'tls', tls: { clientCertRequired: true, legacy: { TLSv1: false, 'TLSv1.1': false } } })) },
  ],
  invalid: [
    {
      name: 'static RSA suites are listed in the order accepted',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-GCM-SHA256', 'AES256-SHA'], 'TLSv1.3': TLS13 } })),
      findings: [{ message: '10.0.0.5:8883 accepts 2 suites without forward secrecy: AES128-GCM-SHA256, AES256-SHA', target: '10.0.0.5:8883', evidence: { suites: ['AES128-GCM-SHA256', 'AES256-SHA'] } }],
    },
  ],
});

ruleTester('tls.profile-mismatch', {
  valid: [
    { name: 'Mozilla intermediate suites and versions fit the default profile', facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-CHACHA20-POLY1305'], 'TLSv1.3': TLS13 }, legacy: { TLSv1: false, 'TLSv1.1': false } })) },
    {
      name: 'the old profile allows TLS 1.1 and AES128-SHA that intermediate does not (tlsProfile decides)',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA'], 'TLSv1.3': TLS13 }, legacy: { TLSv1: false, 'TLSv1.1': true } })),
      settings: { tlsProfile: 'old' },
    },
    { name: 'a TLS 1.3-only server fits the modern profile', facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': [], 'TLSv1.3': TLS13 }, legacy: { TLSv1: false, 'TLSv1.1': false } })), settings: { tlsProfile: 'modern' } },
    { name: 'without the accepted suites (a client certificate was required) there is nothing to judge, even with TLS 1.0 accepted', facts: scan1(target({ host: '10.0.0.5', port: 8883, transport: 'tls', tls: { clientCertRequired: true, legacy: { TLSv1: true, 'TLSv1.1': true } } })) },
  ],
  invalid: [
    {
      name: 'under intermediate (the default), TLS 1.1 and a CBC suite are beyond the profile',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA'], 'TLSv1.3': TLS13 }, legacy: { TLSv1: false, 'TLSv1.1': true } })),
      findings: [{ message: '10.0.0.5:8883 is not intermediate: it also accepts 2 versions or suites beyond it: TLSv1.1, AES128-SHA', target: '10.0.0.5:8883', evidence: { profile: 'intermediate', compliant: false, protocolsOutside: ['TLSv1.1'], ciphersOutside: ['AES128-SHA'] } }],
    },
    {
      name: 'under modern, TLS 1.2 and every TLS 1.2 suite are beyond the profile',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256'], 'TLSv1.3': TLS13 }, legacy: { TLSv1: false, 'TLSv1.1': false } })),
      settings: { tlsProfile: 'modern' },
      findings: [{ message: '10.0.0.5:8883 is not modern: it also accepts 2 versions or suites beyond it: TLSv1.2, ECDHE-RSA-AES128-GCM-SHA256', evidence: { profile: 'modern' } }],
    },
    {
      name: 'under old, a TLS 1.3 suite outside the profile is still reported',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['AES128-SHA'], 'TLSv1.3': [...TLS13, 'TLS_AES_128_CCM_SHA256'] }, legacy: { TLSv1: true, 'TLSv1.1': true } })),
      settings: { tlsProfile: 'old' },
      findings: [{ message: '10.0.0.5:8883 is not old: it also accepts 1 version or suite beyond it: TLS_AES_128_CCM_SHA256' }],
    },
    {
      name: 'more than 4 items are cut after 3, the count says all',
      facts: scan1(tlsTarget({
        ciphers: { 'TLSv1.2': ['AES128-SHA', 'AES256-SHA', 'AES128-SHA256', 'AES256-SHA256', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA', 'ECDHE-RSA-AES128-SHA256'], 'TLSv1.3': TLS13 },
        legacy: { TLSv1: true, 'TLSv1.1': false },
      })),
      findings: [{ message: '10.0.0.5:8883 is not intermediate: it also accepts 10 versions or suites beyond it: TLSv1, AES128-SHA, AES256-SHA, … 7 more in the JSON evidence' }],
    },
  ],
});

ruleTester('tls.weak-cipher', {
  valid: [
    { name: 'AEAD suites with ECDHE are not weak, nor are CBC suites with SHA-256', facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-AES128-SHA256'], 'TLSv1.3': TLS13 } })) },
    { name: 'TLS 1.3 suites are never weak', facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': [], 'TLSv1.3': TLS13 } })) },
    { name: 'no suite list, nothing to judge', facts: scan1(tlsTarget({ cert: wcrt() })) },
  ],
  invalid: [
    {
      name: 'CBC suites with a SHA-1 MAC and 3DES are listed',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA'], 'TLSv1.3': TLS13 } })),
      findings: [{ message: '10.0.0.5:8883 accepts 3 weak suites: ECDHE-RSA-AES128-SHA, AES256-SHA, DES-CBC3-SHA', target: '10.0.0.5:8883', evidence: { suites: ['ECDHE-RSA-AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA'] } }],
    },
    {
      name: 'RC4, NULL, export and MD5 suites are weak',
      facts: scan1(tlsTarget({ ciphers: { 'TLSv1.2': ['RC4-MD5', 'NULL-SHA256', 'EXP-RC4-MD5'], 'TLSv1.3': [] } })),
      findings: [{ message: '10.0.0.5:8883 accepts 3 weak suites: RC4-MD5, NULL-SHA256, EXP-RC4-MD5' }],
    },
  ],
});

ruleTester('tls.weak-key', {
  valid: [
    { name: 'an EC P-256 certificate signed with SHA-256 is fine', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt()] } }) } },
    { name: 'an RSA 2048 certificate signed with SHA-256 is fine', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption' })] } }) } },
    { name: 'an Ed25519 certificate is fine', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ keyType: 'ed25519', keyBits: 256, signatureAlgorithm: 'Ed25519' })] } }) } },
    { name: 'the SHA-1 self-signature of a trust anchor in the cafile is never checked by clients', facts: { config: confFacts(TLS_CONF, { certs: { 'certs/ca.crt': [crt({ ...ROOT, keyType: 'rsa', keyBits: 4096, signatureAlgorithm: 'sha1WithRSAEncryption' })] } }) } },
    { name: 'a served root with a SHA-1 self-signature is not reported', facts: scan1(tlsTarget({ chain: [wcrt(), wcrt({ ...ROOT, keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'sha1WithRSAEncryption' })] })) },
    {
      name: 'a trust store (more than 20 certificates in cafile) is not judged one by one',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/ca.crt': Array.from({ length: 21 }, (_, i) => crt({ ...ROOT, subject: `CN=Root ${i}`, selfSigned: false, signatureAlgorithm: 'sha1WithRSAEncryption' })) } }) },
    },
    { name: 'a strong private key is fine', facts: { config: withPems(confFacts(TLS_CONF, { exists: ['certs/server.key'] }), { 'certs/server.key': { keyFacts: { keyType: 'rsa', keyBits: 3072, encrypted: false } } }) } },
  ],
  invalid: [
    {
      name: 'a DSA certificate is reported at its file line',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ keyType: 'dsa', keyBits: 2048, signatureAlgorithm: 'dsa-with-SHA256' })] } }) },
      findings: [{ message: 'certificate CN=broker.example has a DSA key (certs/server.crt)', line: 2 }],
    },
    {
      name: 'a leaf signed with SHA-1 is reported',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ signatureAlgorithm: 'ecdsa-with-SHA1' })] } }) },
      findings: [{ message: 'certificate CN=broker.example is signed with ecdsa-with-SHA1 (certs/server.crt)', line: 2 }],
    },
    {
      name: 'a self-signed leaf that is not a CA is judged on its signature (MD5)',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ selfSigned: true, issuer: 'CN=broker.example', keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'md5WithRSAEncryption' })] } }) },
      findings: [{ message: 'certificate CN=broker.example is signed with md5WithRSAEncryption (certs/server.crt)', line: 2 }],
    },
    {
      name: 'a weak key and a weak signature on one certificate are two findings',
      facts: { config: confFacts(TLS_CONF, { certs: { 'certs/server.crt': [crt({ keyType: 'dsa', keyBits: 1024, signatureAlgorithm: 'dsa-with-SHA1' })] } }) },
      findings: [
        { message: 'certificate CN=broker.example has a DSA key (certs/server.crt)', line: 2 },
        { message: 'certificate CN=broker.example is signed with dsa-with-SHA1 (certs/server.crt)', line: 2 },
      ],
    },
    {
      name: 'a served intermediate signed with SHA-1 is reported on the target',
      facts: scan1(tlsTarget({ chain: [wcrt(), wcrt({ subject: 'CN=Issuing CA', isCA: true, keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'sha1WithRSAEncryption' })] })),
      findings: [{ message: 'certificate CN=Issuing CA is signed with sha1WithRSAEncryption (served by 10.0.0.5:8883)', target: '10.0.0.5:8883' }],
    },
    {
      name: 'a DSA private key file is reported at the keyfile line',
      facts: { config: withPems(confFacts(TLS_CONF, { exists: ['certs/server.key'] }), { 'certs/server.key': { keyFacts: { keyType: 'dsa', keyBits: 2048, encrypted: false } } }) },
      findings: [{ message: 'private key is a DSA key (certs/server.key)', line: 3 }],
    },
  ],
});
