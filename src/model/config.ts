/** @fileoverview What a mosquitto configuration means: parsed files, the effective listeners and bridges, ACL and password entries, the files a config names. Types only. */
import type { KeyObject, X509Certificate } from 'node:crypto';

/** One space-delimited token and its 1-based column. */
export interface Token {
  text: string;
  col: number;
}

/** One non-comment line of a mosquitto.conf. */
export interface ConfDirective {
  path: string;
  line: number;
  /** The first space-delimited word; tabs are not separators (docs/lint.md, "Reading the files"). */
  keyword: string;
  col: number;
  /** The rest of the line after the keyword, trimmed both ends: what a string option receives. */
  value: string;
  valueCol: number;
  /** The rest of the line split on spaces: what bool, int and enum options read. */
  tokens: Token[];
}

/** A parsed mosquitto.conf. */
export interface ParsedConf {
  path: string;
  lines: string[];
  directives: ConfDirective[];
}

/** One value as set by one directive. */
export interface Setting {
  value: string;
  d: ConfDirective;
}

/** Security options (password_file, acl_file, allow_anonymous, plugins, …) of one scope. */
export interface SecurityScope {
  options: Map<string, Setting>;
  plugins: Setting[];
}

/** A listener as mosquitto opens it. */
export interface ListenerModel {
  /** explicit: a `listener` line; default: created by options set outside any listener; local-only: no listener configured. */
  kind: 'explicit' | 'default' | 'local-only';
  port: number;
  bind?: string;
  socketPath?: string;
  /** The `listener` line, or the first line that made mosquitto create the default listener. */
  anchor?: ConfDirective;
  options: Map<string, Setting>;
  /** The security scope in force for this listener (the global one unless per_listener_settings is true). */
  security: SecurityScope;
  /** Lines that made mosquitto create this (default) listener. */
  triggers: ConfDirective[];
  network: boolean;
  tls: boolean;
  /** 2.1: TLS ends at a PROXY-protocol v2 proxy (enable_proxy_protocol 2, proxy_protocol_v2_require_tls true), which checks client certificates. */
  tlsAtProxy?: boolean;
  allowAnonymous: boolean;
}

/** A bridge (`connection` section). */
export interface BridgeModel {
  name: string;
  d: ConfDirective;
  options: Map<string, Setting>;
  addresses: { host: string; port: number; d: ConfDirective }[];
  topics: Setting[];
}

/** The effective configuration of one main file and everything it includes. */
export interface ConfigModel {
  globals: Map<string, Setting>;
  /** Every setting of repeatable global keywords (log_dest, log_type, include_dir, user), in order. */
  globalLists: Map<string, Setting[]>;
  globalSecurity: SecurityScope;
  perListenerSettings: boolean;
  localOnly: boolean;
  listeners: ListenerModel[];
  bridges: BridgeModel[];
  /** String options set twice in one scope: fatal "Duplicate … value". */
  duplicates: { first: ConfDirective; second: ConfDirective }[];
  /** `per_listener_settings true` after a security option: fatal. */
  misplacedPerListener?: ConfDirective;
  /** Bridge options before any `connection`: fatal. */
  bridgeOutside: ConfDirective[];
  /** Listener options that local-only mode ignores (mosquitto ≥ 2.0.12). */
  ignoredListenerOptions: ConfDirective[];
}

/** The access an ACL line grants; `deny` takes access away. */
export type Access = 'read' | 'write' | 'readwrite' | 'deny';

/** One `topic` or `pattern` line. */
export interface AclEntry {
  kind: 'topic' | 'pattern';
  access: Access;
  filter: string;
  /** For `topic` lines: the user block it sits in; undefined = the anonymous section before the first `user`. */
  user?: string;
  /** The user block the line stands in, whatever its kind (a `pattern` there still applies to every client). */
  block?: string;
  line: number;
  col: number;
  filterCol: number;
}

/** A line the broker refuses: it will not start (or reload) with this ACL file. */
export interface AclProblem {
  line: number;
  col: number;
  message: string;
}

/** A parsed ACL file. */
export interface ParsedAcl {
  path: string;
  lines: string[];
  entries: AclEntry[];
  users: { name: string; line: number }[];
  problems: AclProblem[];
}

/** What a password-file line holds. */
export type HashKind = 'sha512-pbkdf2' | 'sha512' | 'argon2id' | 'plaintext' | 'malformed';

/** One `user:secret` line. */
export interface PasswdEntry {
  user: string;
  kind: HashKind;
  line: number;
  userCol: number;
  secretCol: number;
  /** PBKDF2 iterations of a `$7$` hash. */
  iterations?: number;
  /** Why a line is malformed. */
  problem?: string;
}

/** A parsed password file. */
export interface ParsedPasswd {
  path: string;
  lines: string[];
  entries: PasswdEntry[];
}

/** Facts of one X.509 certificate, read from a file or from the wire. */
export interface CertFacts {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  keyType: string;
  keyBits?: number;
  curve?: string;
  signatureAlgorithm: string;
  fingerprint256: string;
  subjectAltName?: string;
  isCA: boolean;
}

/** Facts of a private key. */
export interface KeyFacts {
  keyType: string;
  keyBits?: number;
  curve?: string;
  encrypted: boolean;
}

/** One `identity:hexkey` line of a psk_file. */
export interface PskEntry {
  identity: string;
  line: number;
  identityCol: number;
  keyCol: number;
  /** Hex digits of the key (its strength is 4 bits each). */
  hexDigits: number;
  /** Why mosquitto refuses the line (non-hex key: the broker will not start). */
  problem?: string;
}

/** A parsed psk_file. */
export interface ParsedPsk {
  path: string;
  lines: string[];
  entries: PskEntry[];
}

/** One ACL of a dynamic-security role. */
export interface DynsecAcl {
  acltype: string;
  topic: string;
  allow: boolean;
  line: number;
}

/** A role of the dynamic-security plugin. */
export interface DynsecRole {
  rolename: string;
  line: number;
  acls: DynsecAcl[];
}

/** A client (a login) of the dynamic-security plugin. */
export interface DynsecClient {
  username: string;
  line: number;
  hasPassword: boolean;
  /** PBKDF2 iterations, when given as a number. */
  iterations?: number;
  iterationsLine?: number;
  roles: string[];
  groups: string[];
}

/** A group of the dynamic-security plugin. */
export interface DynsecGroup {
  groupname: string;
  line: number;
  roles: string[];
}

/** The four default-access switches: what a client may do that no role of its decides. */
export type DynsecAccessKey = 'publishClientSend' | 'publishClientReceive' | 'subscribe' | 'unsubscribe';

/** A parsed dynamic-security JSON file (docs/lint.md, "Dynamic security"). */
export interface ParsedDynsec {
  path: string;
  lines: string[];
  /** Why the plugin cannot read the file. */
  error?: { line: number; message: string };
  /** Each default: allowed only when the key holds `true` (missing or non-boolean: deny); the line of its key, else of the object. */
  defaultAccess: Record<DynsecAccessKey, { allow: boolean; line: number }>;
  clients: DynsecClient[];
  groups: DynsecGroup[];
  roles: DynsecRole[];
  anonymousGroup?: { name: string; line: number };
}

/** A file a config names. */
export interface FileRef {
  keyword: string;
  d: ConfDirective;
  kind: 'passwd' | 'acl' | 'psk' | 'cert' | 'key' | 'ca' | 'crl' | 'dhparam' | 'dir' | 'dynsec';
  candidates: string[];
  /** Absolute path of the file found, if any. */
  resolved?: string;
}

/** The mosquitto release line a configuration is judged for (docs/lint.md, "Mosquitto versions"). */
export type MosquittoVersion = '1.6' | '2.0' | '2.1';

/** Which mosquitto a configuration is for, and how lint knows. */
export interface VersionFact {
  version: MosquittoVersion;
  /** As the user or the repository wrote it (`1.6.15`, `2.0`). */
  label: string;
  /** option: --mosquitto-version; detected: an image tag beside the config; default: neither. */
  source: 'option' | 'detected' | 'default';
  /** Where a detected version was read (`docker-compose.yml:4`, absolute path and line). */
  evidence?: { path: string; line: number; text: string };
}

/** One main config with its includes, its effective model and what it references. */
export interface ConfigUnit {
  /** Which mosquitto the config is judged for. */
  version: VersionFact;
  /** The repository root absolute paths were looked up under (a directory argument or --root); absent: the host's paths. */
  root?: string;
  main: ParsedConf;
  files: ParsedConf[];
  /** Every directive, in the order mosquitto reads them. */
  directives: ConfDirective[];
  model: ConfigModel;
  refs: FileRef[];
  /** include_dir lines in included files: mosquitto ignores them. */
  ignoredIncludes: ConfDirective[];
}

/** An ACL or password file with the config line that names it, if any. */
export interface RefUnit<P> {
  parsed: P;
  ref?: FileRef;
  config?: ConfigUnit;
}

/** A certificate, CA or key file named by a config. */
export interface PemUnit {
  path: string;
  ref: FileRef;
  config: ConfigUnit;
  certs?: CertFacts[];
  x509?: X509Certificate[];
  key?: KeyObject;
  keyFacts?: KeyFacts;
  /** Why the file could not be read as PEM. */
  error?: string;
}

/** The file mode of an input, and whether it is meaningful. */
export interface ModeFact {
  mode: number;
  /** False when git tracks the file (its mode is not what gets deployed) or modes are ignored (docs/lint.md, "Linting a repository"). */
  checked: boolean;
}

/** Everything lint learnt from one main configuration and the files it names (or from --acl/--passwd files). */
export interface ConfigFacts {
  configs: ConfigUnit[];
  acls: RefUnit<ParsedAcl>[];
  passwds: RefUnit<ParsedPasswd>[];
  /** psk_file files the configs name. */
  psks: RefUnit<ParsedPsk>[];
  /** Dynamic security plugin files (plugin_opt_config_file of mosquitto_dynamic_security). */
  dynsecs: RefUnit<ParsedDynsec>[];
  pems: PemUnit[];
  modes: Map<string, ModeFact>;
  files: FileEntry[];
  /** Text of every read file, by absolute path, for fingerprints and suppressions. */
  texts: Map<string, string[]>;
  /** The suppression comments of those files (absolute paths). */
  suppressions: Suppression[];
  cwd: string;
}

/** A file that took part in a lint. */
export interface FileEntry {
  path: string;
  kind: 'mosquitto.conf' | 'acl' | 'passwd' | 'cert' | 'key';
  /** For a main configuration: which mosquitto it was judged for, and why (docs/lint.md, "Mosquitto versions"). */
  mosquitto?: { version: string; source: VersionFact['source']; evidence?: string };
}

/** One suppression comment (`# mqtt-audit: ignore RULE -- reason`) of a linted file. */
export interface Suppression {
  /** The file, absolute in facts; as findings show it once the audit applies it. */
  path: string;
  /** The line it applies to (inline), or undefined for the whole file. */
  line?: number;
  kind: 'inline' | 'file';
  /** Rule ids, or prefixes ending in `.` or `-`. */
  ids: string[];
  reason: string;
  expires?: string;
  /** Where the comment itself stands. */
  commentLine: number;
}
