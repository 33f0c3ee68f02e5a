/**
 * @fileoverview Which subjects a rule can really judge: a compliance control passes only on rules that judged something
 * (docs/compliance.md, "Statuses"). By default a rule judges every subject of its kind; the rules below judge fewer —
 * a TLS rule needs a handshake, a credential rule needs --credentials, a permission rule needs a mode that counts —
 * and some can only ever show a failure (not hearing a message in a few seconds proves no ACL).
 */
import type { SubjectKind } from '../model/types.js';
import type { Subjects } from './subjects.js';

type Pred = (s: Subjects[SubjectKind]) => boolean;
const target = (f: (t: Subjects['target']['t']) => boolean): Pred => (s) => f((s as Subjects['target']).t);
const listener = (f: (l: Subjects['listener']['l']) => boolean): Pred => (s) => f((s as Subjects['listener']).l);
const file = (kinds: string[]): Pred => (s) => {
  const x = s as Subjects['file'];
  return kinds.includes(x.kind) && x.mode?.checked === true;
};
const never: Pred = () => false;

const mqtt = target((t) => t.mqtt !== undefined);
const tlsHandshake = target((t) => t.tls?.protocol !== undefined);
const clientCerts = listener((l) => l.tls && /^(true|1)$/.test(l.options.get('require_certificate')?.d.tokens[0]?.text ?? ''));

/** rule id → subject kind → can the rule judge this subject? Absent: yes. */
const APPLIES: Record<string, Partial<Record<SubjectKind, Pred>>> = {
  'mqtt.anonymous-access': { target: mqtt },
  'mqtt.plaintext-listener': { target: mqtt },
  'mqtt.vulnerable-version': { target: target((t) => (t.mqtt?.product?.version ?? t.mqtt?.brokerVersion) !== undefined) },
  'mqtt.weak-credentials': { target: target((t) => (t.mqtt?.credentialAttempts ?? 0) > 0) },
  'mqtt.publish-allowed': { target: target((t) => t.mqtt?.publish !== undefined) },
  // Only an accepted MQTT 5 CONNACK can advertise a maximum packet size.
  'mqtt.unbounded-packets': { target: target((t) => t.mqtt?.limits !== undefined) },
  // Silence for a few seconds on # or $SYS proves no ACL and no protection: these only ever fail.
  'mqtt.wildcard-subscribe': { target: never },
  'mqtt.sensitive-data': { target: never },
  'mqtt.sys-exposed': { target: never },
  'tls.cert-untrusted': { target: tlsHandshake },
  'tls.hostname-mismatch': { target: tlsHandshake },
  'tls.client-cert-not-required': { target: target((t) => t.tls !== undefined) },
  'tls.no-forward-secrecy': { target: target((t) => t.tls?.ciphers !== undefined) },
  'tls.weak-cipher': { target: target((t) => t.tls?.ciphers !== undefined) },
  'tls.profile-mismatch': { target: target((t) => t.tls?.ciphers !== undefined) },
  'tls.legacy-protocol': {
    target: target((t) => t.tls?.legacy !== undefined),
    directive: (s) => ['tls_version', 'bridge_tls_version'].includes((s as Subjects['directive']).d.keyword),
  },
  'conf.weak-ciphers': { listener: listener((l) => l.tls && l.options.has('ciphers')) },
  'conf.tls-incomplete': { listener: listener((l) => l.network) },
  'conf.client-cert-without-crl': { listener: clientCerts },
  'conf.require-certificate-without-ca': { listener: clientCerts },
  'conf.client-auth-public-ca': { listener: clientCerts, config: (s) => (s as Subjects['config']).unit.model.listeners.some((l) => l.tls && l.options.has('require_certificate')) },
  'conf.identity-without-require-certificate': { listener: listener((l) => l.tls && (l.options.has('use_identity_as_username') || l.options.has('use_subject_as_username'))) },
  'passwd.file-permissions': { file: file(['passwd']) },
  'acl.file-permissions': { file: file(['acl']) },
  'dynsec.file-permissions': { file: file(['dynsec']) },
  'tls.key-permissions': { file: file(['key']) },
};

/** Can this rule judge this subject (and so count towards a compliance pass)? */
export function ruleApplies(ruleId: string, kind: SubjectKind, subject: Subjects[SubjectKind]): boolean {
  const p = APPLIES[ruleId]?.[kind];
  return p ? p(subject) : true;
}
