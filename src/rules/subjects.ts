/** @fileoverview Facts → the subjects rules iterate over (a config, a directive, a listener, an ACL entry, a certificate, a target, a drift pair…), built once per kind. */
import { isNetworkListener } from '../common/conf-values.js';
import type {
  AclEntry, BridgeModel, CertFacts, ConfDirective, ConfigFacts, ConfigUnit, FileRef, ListenerModel, ModeFact, ParsedAcl, ParsedDynsec, ParsedPasswd, ParsedPsk, PasswdEntry, PemUnit, RefUnit, Suppression,
} from '../model/config.js';
import type { SubjectKind } from '../model/types.js';
import type { Origin, ScanFacts, TargetFacts } from '../model/wire.js';

/** What one audit run looks at: a configuration, a scan, or both (scan --config). */
export interface AuditFacts {
  config?: ConfigFacts;
  scan?: ScanFacts;
}

/** Where a subject's facts came from; a rule runs on a subject only when its `foundBy` names the source. */
export type Source = 'lint' | 'scan';

/** A main configuration with everything it includes. */
export interface ConfigSubject { source: 'lint'; unit: ConfigUnit; facts: ConfigFacts }
/** One line of a configuration, in the order mosquitto reads them. */
export interface DirectiveSubject { source: 'lint'; d: ConfDirective; unit: ConfigUnit }
/** One effective listener. */
export interface ListenerSubject { source: 'lint'; l: ListenerModel; unit: ConfigUnit; facts: ConfigFacts }
/** One bridge (`connection` section). */
export interface BridgeSubject { source: 'lint'; b: BridgeModel; unit: ConfigUnit }
/** One ACL file. */
export interface AclSubject { source: 'lint'; acl: RefUnit<ParsedAcl> }
/** One `topic` or `pattern` line of an ACL file. */
export interface AclEntrySubject { source: 'lint'; e: AclEntry; acl: RefUnit<ParsedAcl> }
/** One password file. */
export interface PasswdSubject { source: 'lint'; pw: RefUnit<ParsedPasswd> }
/** One line of a password file. */
export interface PasswdEntrySubject { source: 'lint'; e: PasswdEntry; pw: RefUnit<ParsedPasswd> }
/** A certificate, CA or key file named by a config line. */
/** A psk_file a config names. */
export interface PskSubject { source: 'lint'; psk: RefUnit<ParsedPsk> }
/** A dynamic-security JSON file a config names. */
export interface DynsecSubject { source: 'lint'; ds: RefUnit<ParsedDynsec> }
export interface PemSubject { source: 'lint'; pem: PemUnit }
/** One input file (ACL, password, key…) with its mode and the first config line that names it as that kind, once per file and kind. */
export interface FileSubject { source: 'lint'; path: string; kind: 'acl' | 'passwd' | FileRef['kind']; mode?: ModeFact; ref?: FileRef }
/** One certificate: from a file a config names (lint), or served on the wire (scan, with its place in the chain). */
export interface CertSubject {
  source: Source;
  cert: CertFacts;
  disk?: PemUnit;
  wire?: { t: TargetFacts; origin?: Origin; position: number };
}
/** One scanned (host, port); with --config, the listener of that configuration that declares it (host named alone). */
export interface TargetSubject { source: 'scan'; t: TargetFacts; origin?: Origin; declared?: ListenerModel }
/** A host the user named with the configuration given by --config: the listeners that would listen on it, and what the wire showed. */
export interface DriftSubject { source: 'scan'; host: string; unit: ConfigUnit; declared: ListenerModel[]; wire: TargetFacts[]; pems: PemUnit[] }

/** A suppression comment of a linted file (path absolute). */
export interface SuppressionSubject { source: 'lint'; s: Suppression }

/** Each subject kind's type. */
export interface Subjects {
  config: ConfigSubject;
  directive: DirectiveSubject;
  listener: ListenerSubject;
  bridge: BridgeSubject;
  acl: AclSubject;
  'acl-entry': AclEntrySubject;
  passwd: PasswdSubject;
  'passwd-entry': PasswdEntrySubject;
  psk: PskSubject;
  dynsec: DynsecSubject;
  pem: PemSubject;
  file: FileSubject;
  cert: CertSubject;
  target: TargetSubject;
  drift: DriftSubject;
  suppression: SuppressionSubject;
}

/** A CA file with more certificates than this is a trust store: its certificates are not judged one by one. */
const TRUST_STORE_SIZE = 20;

const BUILDERS: { [K in SubjectKind]: (f: AuditFacts) => Subjects[K][] } = {
  config: ({ config }) => (config?.configs ?? []).map((unit) => ({ source: 'lint', unit, facts: config! })),
  directive: ({ config }) => (config?.configs ?? []).flatMap((unit) => unit.directives.map((d) => ({ source: 'lint' as const, d, unit }))),
  listener: ({ config }) => (config?.configs ?? []).flatMap((unit) => unit.model.listeners.map((l) => ({ source: 'lint' as const, l, unit, facts: config! }))),
  bridge: ({ config }) => (config?.configs ?? []).flatMap((unit) => unit.model.bridges.map((b) => ({ source: 'lint' as const, b, unit }))),
  acl: ({ config }) => (config?.acls ?? []).map((acl) => ({ source: 'lint', acl })),
  'acl-entry': ({ config }) => (config?.acls ?? []).flatMap((acl) => acl.parsed.entries.map((e) => ({ source: 'lint' as const, e, acl }))),
  passwd: ({ config }) => (config?.passwds ?? []).map((pw) => ({ source: 'lint', pw })),
  'passwd-entry': ({ config }) => (config?.passwds ?? []).flatMap((pw) => pw.parsed.entries.map((e) => ({ source: 'lint' as const, e, pw }))),
  psk: ({ config }) => (config?.psks ?? []).map((psk) => ({ source: 'lint', psk })),
  dynsec: ({ config }) => (config?.dynsecs ?? []).map((ds) => ({ source: 'lint', ds })),
  pem: ({ config }) => (config?.pems ?? []).map((pem) => ({ source: 'lint', pem })),
  file: ({ config }) => {
    if (!config) return [];
    const out = new Map<string, FileSubject>();
    const add = (path: string, kind: FileSubject['kind'], ref?: FileRef) => {
      const key = `${kind}\0${path}`;
      if (!out.has(key)) out.set(key, { source: 'lint', path, kind, mode: config.modes.get(path), ...(ref ? { ref } : {}) });
    };
    for (const a of config.acls) add(a.parsed.path, 'acl', a.ref);
    for (const p of config.passwds) add(p.parsed.path, 'passwd', p.ref);
    for (const p of config.psks) if (p.ref) add(p.parsed.path, 'psk', p.ref);
    for (const p of config.dynsecs) if (p.ref) add(p.parsed.path, 'dynsec', p.ref);
    for (const p of config.pems) add(p.path, p.ref.kind, p.ref);
    return [...out.values()];
  },
  cert: ({ config, scan }) => {
    const out: CertSubject[] = [];
    const onDisk = new Map<string, CertSubject>();
    for (const pem of config?.pems ?? []) {
      const certs = pem.certs ?? [];
      if (pem.ref.kind === 'ca' && certs.length > TRUST_STORE_SIZE) continue;
      for (const cert of certs) {
        const s: CertSubject = { source: 'lint', cert, disk: pem };
        out.push(s);
        if (!onDisk.has(cert.fingerprint256)) onDisk.set(cert.fingerprint256, s);
      }
    }
    for (const t of scan?.targets ?? []) {
      const origin = scan!.origins.get(t);
      (t.tls?.chain ?? []).forEach((cert, position) => {
        const wire = { t, position, ...(origin ? { origin } : {}) };
        // scan --config: the certificate the broker serves is the file the configuration names; one subject, so
        // each finding about it is reported once, at the config line, with the target beside it.
        const same = onDisk.get(cert.fingerprint256);
        if (same && !same.wire) same.wire = wire;
        else out.push({ source: 'scan', cert, wire });
      });
    }
    return out;
  },
  target: ({ config, scan }) => (scan?.targets ?? []).map((t) => {
    const origin = scan!.origins.get(t);
    const unit = config?.configs[0];
    const declared = unit && scan!.namedHosts.has(t.host) ? declaredFor(unit, t.host).find((l) => l.port === t.port) : undefined;
    return { source: 'scan', t, ...(origin ? { origin } : {}), ...(declared ? { declared } : {}) };
  }),
  suppression: ({ config }) => (config?.suppressions ?? []).map((s) => ({ source: 'lint', s })),
  drift: ({ config, scan }) => {
    const unit = config?.configs[0];
    if (!unit || !scan) return [];
    const hosts = [...new Set(scan.targets.filter((t) => scan.namedHosts.has(t.host)).map((t) => t.host))];
    return hosts.map((host) => ({
      source: 'scan' as const,
      host,
      unit,
      declared: declaredFor(unit, host),
      wire: scan.targets.filter((t) => t.host === host),
      pems: config!.pems,
    }));
  },
};

/** The network listeners of a configuration that would listen on this host. */
function declaredFor(unit: ConfigUnit, host: string): ListenerModel[] {
  return unit.model.listeners.filter((l) => isNetworkListener(l) && (l.bind === undefined || l.bind === host || l.bind === loopbackName(host)));
}

/** A listener bound to `localhost` listens on 127.0.0.1 and ::1. */
const loopbackName = (h: string) => (h === '::1' || h === '127.0.0.1' ? 'localhost' : h);

/** The subjects of each kind in one batch of facts, built on first use. */
export class SubjectIndex {
  private readonly cache = new Map<SubjectKind, unknown[]>();
  constructor(readonly facts: AuditFacts) {}
  of<K extends SubjectKind>(kind: K): Subjects[K][] {
    let list = this.cache.get(kind) as Subjects[K][] | undefined;
    if (!list) this.cache.set(kind, (list = BUILDERS[kind](this.facts) as Subjects[K][]));
    return list;
  }
}
