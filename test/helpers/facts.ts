/** @fileoverview Facts built in memory for rule tests: a configuration from text, ACL and password files, certificates, scanned targets. No file system, no broker. */
import { canonicalKeyword, lookupKeyword } from '../../src/common/keywords.js';
import { REF_KINDS } from '../../src/lint/config-unit.js';
import { buildModel, type DirectiveSource } from '../../src/lint/model.js';
import { parseAcl } from '../../src/lint/parse/acl.js';
import { parseConf } from '../../src/lint/parse/conf.js';
import { parseDynsec } from '../../src/lint/parse/dynsec.js';
import { parsePasswd } from '../../src/lint/parse/passwd.js';
import { parsePsk } from '../../src/lint/parse/psk.js';
import { parseSuppressions } from '../../src/lint/parse/suppressions.js';
import type { CertFacts, ConfigFacts, ConfigUnit, FileRef, ModeFact, PemUnit, VersionFact } from '../../src/model/config.js';
import { releaseLine } from '../../src/common/versions.js';
import type { Origin, ScanFacts, TargetFacts } from '../../src/model/wire.js';

/** The folder in-memory files pretend to live in; findings show paths relative to it. */
export const CWD = '/repo';

/** Options of an in-memory configuration. */
export interface ConfOptions {
  /** Files the config may name that exist (absolute or relative to CWD); every other named file is missing. */
  exists?: string[];
  /** Modes of named files, by path as the config names it. */
  modes?: Record<string, number>;
  /** Certificates of the PEM files the config names, by path as the config names it. */
  certs?: Record<string, CertFacts[]>;
  /** Key files the config names that are passphrase-protected or unreadable: path → problem. */
  pemErrors?: Record<string, string>;
  /** ACL and password files the config names, by path as the config names it: their text. */
  acl?: Record<string, string>;
  passwd?: Record<string, string>;
  /** Files spliced in by include_dir lines, in order: their text (path: /repo/conf.d/NN.conf). */
  included?: string[];
  /** --mosquitto-version as given (`1.6`, `2.1.2`); absent: the default 2.0. */
  version?: string;
  /** Lint as a repository (a directory argument or --root): paths were looked up under this root. */
  root?: string;
  /** psk_file files the config names, by path as the config names it: their text. */
  psk?: Record<string, string>;
  /** Dynamic-security JSON files (plugin_opt_config_file of the dynsec plugin), by path as named: their text. */
  dynsec?: Record<string, string>;
}

const abs = (p: string) => (p.startsWith('/') ? p : `${CWD}/${p}`);

/** A mosquitto.conf (and what it names) as configuration facts, without touching the file system. */
export function confFacts(text: string, o: ConfOptions = {}): ConfigFacts {
  const path = `${CWD}/mosquitto.conf`;
  const main = parseConf(path, text);
  const files = [main];
  const directives = [...main.directives];
  const includes = new Map<DirectiveSource['directives'][number], DirectiveSource[]>();
  const incDirective = main.directives.find((d) => d.keyword === 'include_dir');
  if (incDirective && o.included) {
    const list = o.included.map((t, i) => {
      const inc = parseConf(`${CWD}/conf.d/${String(i + 10)}.conf`, t);
      files.push(inc);
      directives.push(...inc.directives);
      return { directives: inc.directives, includes: new Map() };
    });
    includes.set(incDirective, list);
  }
  const existing = new Set([...(o.exists ?? []), ...Object.keys(o.certs ?? {}), ...Object.keys(o.acl ?? {}), ...Object.keys(o.passwd ?? {}), ...Object.keys(o.pemErrors ?? {}), ...Object.keys(o.psk ?? {}), ...Object.keys(o.dynsec ?? {})].map(abs));
  const version: VersionFact = o.version ? { version: releaseLine(o.version)!, label: o.version, source: 'option' } : { version: '2.0', label: '2.0', source: 'default' };
  const refs: FileRef[] = [];
  let plugin: { path: string; value: string } | undefined;
  for (const d of directives) {
    if (d.keyword === 'plugin') plugin = { path: d.path, value: d.value };
    if (d.keyword === 'plugin_opt_config_file' && plugin?.path === d.path && /dynamic[_-]security/.test(plugin.value)) {
      const cand = abs(d.value);
      refs.push({ keyword: d.keyword, d, kind: 'dynsec', candidates: [cand], ...(existing.has(cand) ? { resolved: cand } : {}) });
    }
    const key = canonicalKeyword(d.keyword, version.version);
    const kind = REF_KINDS[key];
    if (!kind || !lookupKeyword(d.keyword, version.version) || d.value === '') continue;
    const cand = abs(d.value);
    refs.push({ keyword: key, d, kind, candidates: [cand], ...(existing.has(cand) ? { resolved: cand } : {}) });
  }
  const unit: ConfigUnit = { version, ...(o.root ? { root: o.root } : {}), main, files, directives, model: buildModel({ directives: main.directives, includes }, version.version), refs, ignoredIncludes: [] };
  const facts: ConfigFacts = { configs: [unit], acls: [], passwds: [], psks: [], dynsecs: [], pems: [], modes: new Map(), files: [], texts: new Map(files.map((f) => [f.path, f.lines])), suppressions: [], cwd: CWD };
  for (const ref of refs) {
    if (!ref.resolved) continue;
    const named = ref.d.value;
    const mode = o.modes?.[named];
    if (mode !== undefined) facts.modes.set(ref.resolved, { mode, checked: true } satisfies ModeFact);
    if (ref.kind === 'acl' && o.acl?.[named] !== undefined) {
      const parsed = parseAcl(ref.resolved, o.acl[named]);
      facts.acls.push({ parsed, ref, config: unit });
      facts.texts.set(ref.resolved, parsed.lines);
    } else if (ref.kind === 'passwd' && o.passwd?.[named] !== undefined) {
      const parsed = parsePasswd(ref.resolved, o.passwd[named]);
      facts.passwds.push({ parsed, ref, config: unit });
      facts.texts.set(ref.resolved, parsed.lines);
    } else if (ref.kind === 'psk' && o.psk?.[named] !== undefined) {
      const parsed = parsePsk(ref.resolved, o.psk[named]);
      facts.psks.push({ parsed, ref, config: unit });
      facts.texts.set(ref.resolved, parsed.lines);
    } else if (ref.kind === 'dynsec' && o.dynsec?.[named] !== undefined) {
      const parsed = parseDynsec(ref.resolved, o.dynsec[named]);
      facts.dynsecs.push({ parsed, ref, config: unit });
      facts.texts.set(ref.resolved, parsed.lines);
    } else if (ref.kind === 'cert' || ref.kind === 'ca' || ref.kind === 'key') {
      const pem: PemUnit = { path: ref.resolved, ref, config: unit };
      if (o.certs?.[named]) pem.certs = o.certs[named];
      if (o.pemErrors?.[named]) pem.error = o.pemErrors[named];
      facts.pems.push(pem);
    }
  }
  facts.suppressions = [...facts.texts].flatMap(([p, lines]) => parseSuppressions(p, lines));
  return facts;
}

/** An ACL file linted on its own (--acl), with an optional file mode. */
export function aclFacts(text: string, mode?: number): ConfigFacts {
  const path = `${CWD}/acl`;
  const parsed = parseAcl(path, text);
  return { configs: [], acls: [{ parsed }], passwds: [], psks: [], dynsecs: [], pems: [], modes: new Map(mode === undefined ? [] : [[path, { mode, checked: true }]]), files: [], texts: new Map([[path, parsed.lines]]), suppressions: parseSuppressions(path, parsed.lines), cwd: CWD };
}

/** A password file linted on its own (--passwd), with an optional file mode. */
export function passwdFacts(text: string, mode?: number): ConfigFacts {
  const path = `${CWD}/passwd`;
  const parsed = parsePasswd(path, text);
  return { configs: [], acls: [], passwds: [{ parsed }], psks: [], dynsecs: [], pems: [], modes: new Map(mode === undefined ? [] : [[path, { mode, checked: true }]]), files: [], texts: new Map([[path, parsed.lines]]), suppressions: parseSuppressions(path, parsed.lines), cwd: CWD };
}

const DAY = 86400000;

/** A certificate's facts; `days` from now to notAfter (negative: expired). */
export function cert(over: Partial<CertFacts> & { days?: number } = {}): CertFacts {
  const { days = 365, ...rest } = over;
  return {
    subject: 'CN=broker.example',
    issuer: 'CN=Example CA',
    notBefore: new Date(Date.now() - 30 * DAY).toISOString(),
    notAfter: new Date(Date.now() + days * DAY).toISOString(),
    selfSigned: false,
    keyType: 'ec',
    keyBits: 256,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    fingerprint256: `AA:${String(days)}:${rest.subject ?? 'CN=broker.example'}`,
    isCA: false,
    ...rest,
  };
}

/** A scanned target: open plaintext MQTT on 127.0.0.1:1883 unless told otherwise. */
export function target(over: Partial<TargetFacts> = {}): TargetFacts {
  return { host: '127.0.0.1', port: 1883, transport: 'tcp', state: 'open', ...over };
}

/** Scan facts of some targets; `named` hosts were named alone (for drift), `origins` by target index. */
export function scanFacts(targets: TargetFacts[], o: { named?: string[]; origins?: Record<number, Origin> } = {}): ScanFacts {
  const origins = new Map<TargetFacts, Origin>();
  for (const [i, origin] of Object.entries(o.origins ?? {})) origins.set(targets[Number(i)], origin);
  return { targets, origins, namedHosts: new Set(o.named ?? targets.map((t) => t.host)) };
}
