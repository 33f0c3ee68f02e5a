/**
 * @fileoverview scan --config: the configuration and the wire describe the same broker, and each finding about it is
 * reported once (at the config line), not once per side. In memory: configuration facts and scan facts together.
 */
import { cert, confFacts, scanFacts, target } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import type { AuditFacts } from '../../../src/rules/subjects.js';

const CRT = '/etc/mosquitto/certs/server.crt';
const conf = (extra = '') => `listener 8883\ncertfile ${CRT}\nkeyfile /etc/mosquitto/certs/server.key\n${extra}`;
const H = '127.0.0.23';

/** A broker on H:8883 serving `served` (and accepting TLS 1.1 when legacy), compared with a config naming `onDisk`. */
function both(onDisk: ReturnType<typeof cert>, served: ReturnType<typeof cert>, o: { extra?: string; legacy?: boolean; named?: boolean } = {}): AuditFacts {
  return {
    config: confFacts(conf(o.extra), { certs: { [CRT]: [onDisk] }, exists: ['/etc/mosquitto/certs/server.key'] }),
    scan: scanFacts(
      [target({ host: H, port: 8883, transport: 'tls', tls: { protocol: 'TLSv1.3', chain: [{ ...served, daysLeft: 9 }], legacy: { TLSv1: false, 'TLSv1.1': o.legacy ?? false } } as never })],
      { named: o.named === false ? [] : [H] },
    ),
  };
}

const expiring = cert({ days: 9.5, subject: `CN=${H}` });
const other = cert({ days: 9.5, subject: 'CN=other' });

ruleTester('tls.cert-expiring', {
  valid: [{ name: 'a certificate far from expiry, on disk and on the wire', facts: both(cert({ days: 300 }), cert({ days: 300 })) }],
  invalid: [
    {
      name: 'the file the config names is the certificate the broker serves: one finding, at the certfile line',
      facts: both(expiring, expiring),
      findings: [{ message: `certificate CN=${H} in /etc/mosquitto/certs/server.crt expires in 9 days (${expiring.notAfter.slice(0, 10)})`, line: 2 }],
    },
    {
      name: 'the broker serves another certificate than the file: both are reported (drift.cert-mismatch says why)',
      facts: both(expiring, other),
      findings: [
        { message: `certificate CN=${H} in /etc/mosquitto/certs/server.crt expires in 9 days (${expiring.notAfter.slice(0, 10)})`, line: 2 },
        { message: `certificate CN=other in the chain served by ${H}:8883 expires in 9 days (${other.notAfter.slice(0, 10)})`, target: `${H}:8883` },
      ],
    },
  ],
});

ruleTester('tls.legacy-protocol', {
  valid: [{ name: 'neither the config nor the wire allows TLS 1.1', facts: both(expiring, expiring, { extra: 'tls_version tlsv1.2\n' }) }],
  invalid: [
    {
      name: 'tls_version tlsv1.1 and a broker that accepts TLS 1.1: one finding, at the tls_version line',
      facts: both(expiring, expiring, { extra: 'tls_version tlsv1.1\n', legacy: true }),
      findings: [{ message: 'tls_version allows TLS 1.1', line: 4 }],
    },
    {
      name: 'a broker that accepts TLS 1.1 although the config does not say so: the wire finding',
      facts: both(expiring, expiring, { extra: 'tls_version tlsv1.2\n', legacy: true }),
      findings: [{ message: `${H}:8883 allows TLS 1.1`, target: `${H}:8883` }],
    },
    {
      name: 'a host scanned in a range is not compared with the config: both findings',
      facts: both(expiring, expiring, { extra: 'tls_version tlsv1.1\n', legacy: true, named: false }),
      findings: [
        { message: 'tls_version allows TLS 1.1', line: 4 },
        { message: `${H}:8883 allows TLS 1.1`, target: `${H}:8883` },
      ],
    },
  ],
});
