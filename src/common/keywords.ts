/** @fileoverview The mosquitto configuration vocabulary of 1.6, 2.0 and 2.1: every keyword with its type and scope (mosquitto's src/conf.c; docs/lint.md). */
import type { MosquittoVersion } from '../model/config.js';

/** How mosquitto reads the value of a keyword. */
export type ValueType = 'bool' | 'int' | 'string' | 'enum' | 'special';

/** Which part of the configuration a keyword configures. */
export type Scope = 'global' | 'listener' | 'security' | 'bridge';

/** One keyword of mosquitto.conf. */
export interface Keyword {
  type: ValueType;
  scope: Scope;
  /** Allowed first tokens, for enums. */
  values?: string[];
  min?: number;
  max?: number;
  /** May appear many times in one scope without being a duplicate. */
  repeatable?: boolean;
  /** The keyword that replaces it, for deprecated ones. */
  deprecatedFor?: string;
  /** Canonical name when this is an alias. */
  aliasOf?: string;
  /** The value names a file or directory that mosquitto opens. */
  file?: 'file' | 'dir';
}

const B = (scope: Scope, extra: Partial<Keyword> = {}): Keyword => ({ type: 'bool', scope, ...extra });
const I = (scope: Scope, extra: Partial<Keyword> = {}): Keyword => ({ type: 'int', scope, ...extra });
const S = (scope: Scope, extra: Partial<Keyword> = {}): Keyword => ({ type: 'string', scope, ...extra });
const E = (scope: Scope, values: string[], extra: Partial<Keyword> = {}): Keyword => ({ type: 'enum', scope, values, ...extra });
const X = (scope: Scope, extra: Partial<Keyword> = {}): Keyword => ({ type: 'special', scope, ...extra });

const TLS_VERSIONS = ['tlsv1.3', 'tlsv1.2', 'tlsv1.1'];

/** Every keyword mosquitto 2.0 accepts; `plugin_opt_*` and `auth_opt_*` are matched by prefix. */
export const KEYWORDS: Record<string, Keyword> = {
  acl_file: S('security', { file: 'file' }),
  address: X('bridge'),
  addresses: X('bridge', { aliasOf: 'address' }),
  allow_anonymous: B('security'),
  allow_duplicate_messages: B('global', { deprecatedFor: '(none: duplicates are always allowed)' }),
  allow_zero_length_clientid: B('security'),
  auth_plugin: S('security', { repeatable: true, deprecatedFor: 'plugin', aliasOf: 'plugin' }),
  auth_plugin_deny_special_chars: B('security'),
  auto_id_prefix: S('security'),
  autosave_interval: I('global', { min: 0 }),
  autosave_on_changes: B('global'),
  bind_address: S('listener', { deprecatedFor: 'listener PORT ADDRESS' }),
  bind_interface: S('listener'),
  bridge_alpn: S('bridge'),
  bridge_attempt_unsubscribe: B('bridge'),
  bridge_bind_address: S('bridge'),
  bridge_cafile: S('bridge', { file: 'file' }),
  bridge_capath: S('bridge', { file: 'dir' }),
  bridge_certfile: S('bridge', { file: 'file' }),
  bridge_identity: S('bridge'),
  bridge_insecure: B('bridge'),
  bridge_keyfile: S('bridge', { file: 'file' }),
  bridge_max_packet_size: I('bridge', { min: 0 }),
  bridge_outgoing_retain: B('bridge'),
  bridge_protocol_version: E('bridge', ['mqttv31', 'mqttv311', 'mqttv50']),
  bridge_psk: S('bridge'),
  bridge_require_ocsp: B('bridge'),
  bridge_tls_version: E('bridge', TLS_VERSIONS),
  cafile: S('listener', { file: 'file' }),
  capath: S('listener', { file: 'dir' }),
  certfile: S('listener', { file: 'file' }),
  check_retain_source: B('global'),
  ciphers: S('listener'),
  'ciphers_tls1.3': S('listener'),
  cleansession: B('bridge'),
  clientid: S('bridge', { deprecatedFor: 'remote_clientid', aliasOf: 'remote_clientid' }),
  clientid_prefixes: S('global', { deprecatedFor: 'an ACL or auth plugin' }),
  connection: X('bridge'),
  connection_messages: B('global'),
  crlfile: S('listener', { file: 'file' }),
  dhparamfile: S('listener', { file: 'file' }),
  http_dir: S('listener', { file: 'dir' }),
  idle_timeout: I('bridge', { min: 0 }),
  include_dir: X('global', { repeatable: true, file: 'dir' }),
  keepalive_interval: I('bridge', { min: 5, max: 65535 }),
  keyfile: S('listener', { file: 'file' }),
  listener: X('listener'),
  local_cleansession: B('bridge'),
  local_clientid: S('bridge'),
  local_password: S('bridge'),
  local_username: S('bridge'),
  log_dest: X('global', { repeatable: true }),
  log_facility: I('global', { min: 0, max: 7 }),
  log_timestamp: B('global'),
  log_timestamp_format: S('global'),
  log_type: E('global', ['error', 'warning', 'notice', 'information', 'subscribe', 'unsubscribe', 'websockets', 'debug', 'internal', 'none', 'all'], { repeatable: true }),
  max_connections: I('listener'),
  max_inflight_bytes: I('global', { min: 0 }),
  max_inflight_messages: I('global', { min: 0, max: 65535 }),
  max_keepalive: I('global', { min: 0, max: 65535 }),
  max_packet_size: I('global', { min: 20, max: 268435455 }),
  max_qos: I('listener', { min: 0, max: 2 }),
  maximum_qos: I('listener', { min: 0, max: 2, aliasOf: 'max_qos' }),
  max_queued_bytes: I('global', { min: 0 }),
  max_queued_messages: I('global', { min: 0 }),
  max_topic_alias: I('listener', { min: 0, max: 65535 }),
  memory_limit: I('global', { min: 0 }),
  message_size_limit: I('global', { min: 0, max: 268435455 }),
  mount_point: S('listener'),
  notification_topic: S('bridge'),
  notifications: B('bridge'),
  notifications_local_only: B('bridge'),
  password: S('bridge', { deprecatedFor: 'remote_password', aliasOf: 'remote_password' }),
  password_file: S('security', { file: 'file' }),
  per_listener_settings: B('global'),
  persistence: B('global'),
  persistence_file: S('global'),
  persistence_location: S('global'),
  persistent_client_expiration: X('global'),
  pid_file: S('global'),
  plugin: S('security', { repeatable: true }),
  port: I('listener', { min: 1, max: 65535, deprecatedFor: 'listener PORT', repeatable: true }),
  protocol: E('listener', ['mqtt', 'websockets']),
  psk_file: S('security', { file: 'file' }),
  psk_hint: S('listener'),
  queue_qos0_messages: B('global'),
  remote_clientid: S('bridge'),
  remote_password: S('bridge'),
  remote_username: S('bridge'),
  require_certificate: B('listener'),
  restart_timeout: X('bridge'),
  retain_available: B('global'),
  retained_persistence: B('global', { aliasOf: 'persistence' }),
  retry_interval: I('global', { deprecatedFor: '(none: it has no effect since 2.0)' }),
  round_robin: B('bridge'),
  set_tcp_nodelay: B('global'),
  socket_domain: E('listener', ['ipv4', 'ipv6']),
  start_type: E('bridge', ['automatic', 'lazy', 'once']),
  sys_interval: I('global', { min: 0, max: 65535 }),
  threshold: I('bridge', { min: 1 }),
  tls_engine: S('listener'),
  tls_engine_kpass_sha1: S('listener'),
  tls_keyform: E('listener', ['pem', 'engine']),
  tls_version: E('listener', TLS_VERSIONS),
  topic: X('bridge', { repeatable: true }),
  try_private: B('bridge'),
  upgrade_outgoing_qos: B('global'),
  use_identity_as_username: B('listener'),
  use_subject_as_username: B('listener'),
  use_username_as_clientid: B('listener'),
  user: S('global', { repeatable: true }),
  username: S('bridge', { deprecatedFor: 'remote_username', aliasOf: 'remote_username' }),
  websockets_headers_size: I('global', { min: 0 }),
  websockets_log_level: I('global'),
};

/** Keywords 2.0 added (mosquitto's src/conf.c, v1.6.15 against v2.0.0): fatal "Unknown configuration variable" on 1.6. */
const SINCE_2_0 = new Set([
  'bridge_bind_address', 'bridge_max_packet_size', 'bridge_outgoing_retain', 'ciphers_tls1.3', 'local_cleansession',
  'max_qos', 'plugin',
]);

/** Keywords 1.6 accepts and 2.0 dropped (store_clean_interval warns; the rsmb options are ignored). */
const ONLY_1_6: Record<string, Keyword> = {
  store_clean_interval: X('global', { deprecatedFor: '(none: it has no effect)' }),
  trace_level: X('global', { deprecatedFor: '(none: an rsmb option mosquitto ignores)' }),
  trace_output: X('global', { deprecatedFor: '(none: an rsmb option mosquitto ignores)' }),
  ffdc_output: X('global', { deprecatedFor: '(none: an rsmb option mosquitto ignores)' }),
  max_log_entries: X('global', { deprecatedFor: '(none: an rsmb option mosquitto ignores)' }),
};

/** Keywords mosquitto 2.1 added (src/conf.c, v2.0.20 against v2.1.2); unknown, so fatal, on 2.0. */
const ADDED_2_1: Record<string, Keyword> = {
  accept_protocol_versions: S('listener'),
  bridge_ciphers: S('bridge'),
  'bridge_ciphers_tls1.3': S('bridge'),
  bridge_max_topic_alias: I('bridge', { min: 0, max: 65535 }),
  bridge_receive_maximum: I('bridge', { min: 0, max: 65535 }),
  bridge_reload_type: X('bridge'),
  bridge_session_expiry_interval: I('bridge', { min: 0 }),
  bridge_tcp_keepalive: X('bridge'),
  bridge_tcp_user_timeout: I('bridge', { min: 0 }),
  bridge_tls_use_os_certs: B('bridge'),
  disable_client_cert_date_checks: B('listener'),
  enable_control_api: B('global'),
  enable_proxy_protocol: X('listener'),
  global_max_clients: I('global'),
  global_max_connections: I('global'),
  global_plugin: S('global', { repeatable: true }),
  listener_allow_anonymous: B('listener'),
  listener_auto_id_prefix: S('listener'),
  max_topic_alias_broker: I('listener', { min: 0, max: 65535 }),
  packet_buffer_size: I('global', { min: 0 }),
  plugin_load: X('security', { repeatable: true }),
  plugin_use: X('security', { repeatable: true }),
  proxy_protocol_v2_require_tls: B('listener'),
  retain_expiry_interval: I('global', { min: 0 }),
  websockets_origin: S('listener', { repeatable: true }),
};

/** Options 2.1 deprecates with a startup notice ("will be removed in version 3.0"; src/conf.c, OPTION_DEPRECATED). */
const DEPRECATED_2_1: Record<string, string> = {
  allow_duplicate_messages: '(none: duplicates will always be allowed)',
  auto_id_prefix: 'listener_auto_id_prefix',
  bind_address: 'listener PORT ADDRESS',
  clientid_prefixes: 'an ACL or auth plugin',
  per_listener_settings: 'listener_allow_anonymous and per-listener plugins (plugin_use)',
  port: 'listener PORT',
};

/** Keywords that only mosquitto 2.1 knows: fatal on a 2.0 broker (docs/lint.md, "Mosquitto versions"). */
export const KEYWORDS_2_1: ReadonlySet<string> = new Set(Object.keys(ADDED_2_1));

const vocabularies = new Map<MosquittoVersion, Record<string, Keyword>>();

/** Every keyword one release line accepts (its own table; `plugin_opt_*`/`auth_opt_*` are matched by prefix). */
export function vocabulary(version: MosquittoVersion = '2.0'): Record<string, Keyword> {
  let v = vocabularies.get(version);
  if (v) return v;
  if (version === '2.0') v = KEYWORDS;
  else if (version === '1.6') {
    v = { ...ONLY_1_6 };
    for (const [k, def] of Object.entries(KEYWORDS)) {
      if (SINCE_2_0.has(k) || def.aliasOf === 'max_qos') continue;
      // 1.6 has no `plugin`: auth_plugin is the keyword, not deprecated; retry_interval still works.
      if (k === 'auth_plugin') v[k] = S('security', { repeatable: true, aliasOf: 'plugin' });
      else if (k === 'retry_interval') v[k] = I('global');
      else v[k] = def;
    }
    v.maximum_qos = I('listener', { min: 0, max: 2 });
  } else {
    v = { ...KEYWORDS, ...ADDED_2_1 };
    for (const [k, replacement] of Object.entries(DEPRECATED_2_1)) v[k] = { ...v[k], deprecatedFor: replacement };
    v.protocol = E('listener', ['mqtt', 'websockets', 'http_api']);
  }
  vocabularies.set(version, v);
  return v;
}

/** Look a keyword up in one release line's vocabulary, including the `plugin_opt_*` / `auth_opt_*` families. */
export function lookupKeyword(word: string, version: MosquittoVersion = '2.0'): Keyword | undefined {
  const vocab = vocabulary(version);
  if (Object.hasOwn(vocab, word)) return vocab[word];
  if (version !== '1.6' && /^plugin_opt_./.test(word)) return { type: 'string', scope: 'security', repeatable: true };
  if (/^auth_opt_./.test(word)) return { type: 'string', scope: 'security', repeatable: true, ...(version === '1.6' ? {} : { deprecatedFor: 'plugin_opt_*' }) };
  return undefined;
}

/** The canonical name of a keyword (aliases folded). */
export function canonicalKeyword(word: string, version: MosquittoVersion = '2.0'): string {
  return lookupKeyword(word, version)?.aliasOf ?? word;
}

/** The release lines that know a keyword, for "this option exists only in …" hints. */
export function versionsKnowing(word: string): MosquittoVersion[] {
  return (['1.6', '2.0', '2.1'] as const).filter((v) => lookupKeyword(word, v));
}

/**
 * Listener-scoped options that, set on the default listener, make mosquitto create it (docs/lint.md, "Listeners").
 * NOTE: allow_anonymous, acl_file, tls_version, http_dir and max_topic_alias are deliberately not triggers.
 */
export const DEFAULT_LISTENER_TRIGGERS = new Set([
  'bind_interface', 'cafile', 'capath', 'certfile', 'keyfile', 'tls_engine', 'tls_keyform', 'tls_engine_kpass_sha1',
  'ciphers', 'ciphers_tls1.3', 'dhparamfile', 'psk_hint', 'require_certificate', 'crlfile', 'use_identity_as_username',
  'use_subject_as_username', 'use_username_as_clientid', 'bind_address', 'port', 'max_connections', 'max_qos',
  'maximum_qos', 'mount_point', 'protocol', 'socket_domain',
]);

/** Security options that trigger the default listener only when per_listener_settings is true. */
export const DEFAULT_LISTENER_SECURITY_TRIGGERS = new Set(['password_file', 'psk_file', 'plugin', 'auth_plugin']);

/** All known keyword names of a release line, for "did you mean" suggestions. */
export function knownNames(version: MosquittoVersion = '2.0'): string[] {
  return Object.keys(vocabulary(version));
}

/** Keywords whose value is (or, misspelt, probably is) a secret: its value is never reported nor hashed. */
export function isSecretKeyword(word: string): boolean {
  return /pas|pwd|psk|secret|token/i.test(word) || isPluginSecret(word);
}

/** A word of an `auth_opt_`/`plugin_opt_` name that says the value is a secret (`auth_opt_pg_password`, `plugin_opt_jwt_secret`). */
const SECRET_WORD = /^(pass|passwd|password|pwd|secret|token|psk|apikey|key)$/;
/** A last word that says the value is about a secret, not the secret (`auth_opt_password_file`, `auth_opt_password_hasher`). */
const NOT_THE_SECRET = /^(file|path|dir|hasher|hash|algorithm|algo|iterations|cost|size|length|encoding|header|field|column|query|policy|min|max|regex|pattern|url|uri|type|mode)$/;

/** True when a plugin option's name says its value is a secret. */
export function isPluginSecret(keyword: string): boolean {
  const m = /^(?:auth_opt_|plugin_opt_)(.+)$/.exec(keyword);
  if (!m) return false;
  const words = m[1].toLowerCase().split(/[_.-]+/).filter(Boolean);
  return words.some((w) => SECRET_WORD.test(w)) && !NOT_THE_SECRET.test(words[words.length - 1]);
}

