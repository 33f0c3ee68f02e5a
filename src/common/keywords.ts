/** @fileoverview The mosquitto 2.0 configuration vocabulary: every keyword with its type and scope (mosquitto's src/conf.c; docs/lint.md). */

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

/** Keywords that only mosquitto 2.1 knows: fatal on a 2.0 broker (docs/lint.md, "Reading the files"). */
export const KEYWORDS_2_1 = new Set([
  'accept_protocol_versions', 'bridge_ciphers', 'bridge_ciphers_tls1.3', 'bridge_max_topic_alias',
  'bridge_receive_maximum', 'bridge_reload_type', 'bridge_session_expiry_interval', 'bridge_tcp_keepalive',
  'bridge_tcp_user_timeout', 'bridge_tls_use_os_certs', 'disable_client_cert_date_checks', 'enable_control_api',
  'enable_proxy_protocol', 'global_max_clients', 'global_max_connections', 'global_plugin', 'max_topic_alias_broker',
  'plugin_load', 'plugin_use', 'proxy_protocol_v2_require_tls', 'websockets_origin',
]);

/** Look a keyword up, including the `plugin_opt_*` / `auth_opt_*` families. */
export function lookupKeyword(word: string): Keyword | undefined {
  if (Object.hasOwn(KEYWORDS, word)) return KEYWORDS[word];
  if (/^plugin_opt_./.test(word)) return { type: 'string', scope: 'security', repeatable: true };
  if (/^auth_opt_./.test(word)) return { type: 'string', scope: 'security', repeatable: true, deprecatedFor: 'plugin_opt_*' };
  return undefined;
}

/** The canonical name of a keyword (aliases folded). */
export function canonicalKeyword(word: string): string {
  return lookupKeyword(word)?.aliasOf ?? word;
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

/** All known keyword names, for "did you mean" suggestions. */
export const KNOWN_NAMES = Object.keys(KEYWORDS);

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

