/** @fileoverview Directives → the configuration mosquitto (1.6, 2.0 or 2.1) would really run: listeners, security scopes, bridges (docs/lint.md). */
import { isLoopback, isOn, parseBool, parseIntLikeAtoi } from '../common/conf-values.js';
import { DEFAULT_LISTENER_SECURITY_TRIGGERS, DEFAULT_LISTENER_TRIGGERS, canonicalKeyword, lookupKeyword } from '../common/keywords.js';
import type { BridgeModel, ConfDirective, ConfigModel, ListenerModel, MosquittoVersion, Setting } from '../model/config.js';

/** A source of directives: one file's lines, walked with its own listener/bridge state. */
export interface DirectiveSource {
  directives: ConfDirective[];
  /** Directives of included files, spliced in where their include_dir stands (main file only). */
  includes: Map<ConfDirective, DirectiveSource[]>;
}

/** Build the effective model from the main file's directive source, as the given release line reads it. */
export function buildModel(main: DirectiveSource, version: MosquittoVersion = '2.0'): ConfigModel {
  const m: ConfigModel = {
    globals: new Map(), globalLists: new Map(), globalSecurity: { options: new Map(), plugins: [] },
    perListenerSettings: false, localOnly: false, listeners: [], bridges: [], duplicates: [], bridgeOutside: [], ignoredListenerOptions: [],
  };
  const dflt: ListenerModel = newListener('default', 1883);
  const explicit: ListenerModel[] = [];
  let securitySeen = false;
  const seen = new Map<string, ConfDirective>(); // scope|keyword → first string setting

  const setIn = (scope: string, map: Map<string, Setting>, d: ConfDirective, key: string, repeatable: boolean, type: string) => {
    const id = `${scope}|${key}`;
    if (type === 'string' && !repeatable) {
      const first = seen.get(id);
      if (first) m.duplicates.push({ first, second: d });
      else seen.set(id, d);
    }
    map.set(key, { value: d.value, d });
  };

  const walk = (src: DirectiveSource, level: number) => {
    let cur = dflt;
    let curIndex = -1;
    let bridge: BridgeModel | undefined;
    for (const d of src.directives) {
      const def = lookupKeyword(d.keyword, version);
      if (!def) continue;
      const key = canonicalKeyword(d.keyword, version);
      if (key === 'listener') {
        const port = parseIntLikeAtoi(d.tokens[0]?.text);
        const bindTok = d.tokens[1]?.text;
        const bind = bindTok && !bindTok.startsWith('#') ? bindTok : undefined;
        cur = newListener('explicit', port);
        cur.anchor = d;
        if (port === 0 && bind) cur.socketPath = bind;
        else cur.bind = bind;
        explicit.push(cur);
        curIndex = explicit.length - 1;
        continue;
      }
      if (key === 'connection') {
        const name = d.value;
        const dup = m.bridges.find((b) => b.name === name);
        if (dup) m.duplicates.push({ first: dup.d, second: d });
        bridge = { name, d, options: new Map(), addresses: [], topics: [] };
        m.bridges.push(bridge);
        continue;
      }
      const scopeId = curIndex < 0 ? 'listener:default' : `listener:${curIndex}`;
      switch (def.scope) {
        case 'bridge':
          if (!bridge) {
            m.bridgeOutside.push(d);
            break;
          }
          if (key === 'address') {
            for (const t of d.tokens) {
              if (t.text.startsWith('#')) break;
              bridge.addresses.push({ ...splitHostPort(t.text), d });
            }
          } else if (key === 'topic') bridge.topics.push({ value: d.value, d });
          setIn(`bridge:${m.bridges.length - 1}`, bridge.options, d, key, !!def.repeatable, def.type);
          break;
        case 'listener':
          if (key === 'port' || key === 'bind_address') {
            // port and bind_address configure the default listener wherever they stand, after a listener too
            // (mosquitto 2.0's src/conf.c writes config->default_listener; docs/lint.md, "Listeners").
            setIn('listener:default', dflt.options, d, key, !!def.repeatable, def.type);
            dflt.triggers.push(d);
            break;
          }
          setIn(scopeId, cur.options, d, key, !!def.repeatable, def.type);
          if (cur === dflt && isTrigger(key, d)) dflt.triggers.push(d);
          break;
        case 'security': {
          securitySeen = true;
          const sec = m.perListenerSettings ? cur.security : m.globalSecurity;
          const secScope = m.perListenerSettings ? `security:${scopeId}` : 'security:global';
          if (key === 'plugin') sec.plugins.push({ value: d.value, d });
          else setIn(secScope, sec.options, d, key, !!def.repeatable, def.type);
          if (cur === dflt && m.perListenerSettings && (DEFAULT_LISTENER_SECURITY_TRIGGERS.has(key) || (key === 'allow_zero_length_clientid' && parseBool(d) === false) || (version === '1.6' && key === 'allow_anonymous'))) {
            dflt.triggers.push(d);
          }
          break;
        }
        default: {
          if (key === 'include_dir') {
            push(m.globalLists, key, { value: d.value, d });
            if (level === 0) for (const inc of src.includes.get(d) ?? []) walk(inc, level + 1);
            break;
          }
          if (key === 'per_listener_settings') {
            const v = parseBool(d);
            if (v && securitySeen && !m.perListenerSettings) m.misplacedPerListener = d;
            else if (v !== undefined) m.perListenerSettings = v;
          }
          if (key === 'log_dest' && d.tokens[0]?.text === 'file') {
            const first = m.globalLists.get('log_dest')?.find((s) => s.d.tokens[0]?.text === 'file');
            if (first) m.duplicates.push({ first: first.d, second: d });
          }
          if (def.repeatable) push(m.globalLists, key, { value: d.value, d });
          setIn('global', m.globals, d, key, !!def.repeatable, def.type);
        }
      }
    }
  };
  walk(main, 0);

  const dfltHasAddress = dflt.options.has('port') || dflt.options.has('bind_address');
  // 1.6 has no local-only mode: with no listener it opens the default one on every interface (src/conf.c, v1.6.15).
  if (explicit.length > 0 ? dflt.triggers.length > 0 : dfltHasAddress || version === '1.6') {
    dflt.port = dflt.options.has('port') ? parseIntLikeAtoi(dflt.options.get('port')?.value) : 1883;
    dflt.bind = dflt.options.get('bind_address')?.value;
    // 1.6 with nothing configured: the listener exists because of the file as a whole; point at its first line.
    dflt.anchor = dflt.triggers[0] ?? dflt.options.get('port')?.d ?? dflt.options.get('bind_address')?.d ?? main.directives[0];
    m.listeners.push(dflt);
  } else if (explicit.length === 0) {
    // Local-only mode: no listener, port or bind_address ⇒ 127.0.0.1/::1 only, anonymous forced on (docs/lint.md, "Listeners").
    m.localOnly = true;
    m.ignoredListenerOptions = [...dflt.options.values()].map((s) => s.d);
    const lo = newListener('local-only', 1883);
    lo.bind = '127.0.0.1';
    lo.security = dflt.security;
    m.listeners.push(lo);
  }
  m.listeners.push(...explicit);
  for (const l of m.listeners) finish(l, m, version);
  return m;
}

function finish(l: ListenerModel, m: ConfigModel, version: MosquittoVersion): void {
  if (!m.perListenerSettings) l.security = m.globalSecurity;
  const iface = l.options.get('bind_interface')?.value;
  l.network = l.kind === 'local-only' ? false : l.socketPath ? false : iface ? !/^lo\d*$/.test(iface) : !isLoopback(l.bind);
  // 2.1's PROXY protocol v2 with proxy_protocol_v2_require_tls: TLS ends at the proxy, which passes the client
  // certificate on (src/proxy_v2.c, v2.1.2); certfile and keyfile are then refused.
  const proxiedTls = version === '2.1' && l.options.get('enable_proxy_protocol')?.d.tokens[0]?.text === '2' && isOn(l.options.get('proxy_protocol_v2_require_tls'));
  l.tls = (l.options.has('certfile') && l.options.has('keyfile')) || l.options.has('psk_hint') || proxiedTls;
  if (proxiedTls) l.tlsAtProxy = true;
  if (l.kind === 'local-only') l.allowAnonymous = true;
  else if (version === '1.6') {
    // 1.6: unset allow_anonymous is true unless the scope has a password_file, psk_file or an auth plugin (src/conf.c, v1.6.15).
    const s = l.security.options.get('allow_anonymous');
    const sec = l.security;
    l.allowAnonymous = s ? parseBool(s.d) === true : !(sec.options.has('password_file') || sec.options.has('psk_file') || sec.plugins.length > 0);
  } else if (version === '2.1' && l.options.has('listener_allow_anonymous')) {
    // 2.1: listener_allow_anonymous decides for its listener (src/plugin_basic_auth.c, v2.1.2).
    l.allowAnonymous = parseBool(l.options.get('listener_allow_anonymous')!.d) === true;
  } else {
    const s = l.security.options.get('allow_anonymous');
    // A default listener that per_listener_settings true creates without allow_anonymous of its own accepts
    // anonymous clients in 2.0 (its unset value is not defaulted to false as a listener's is; docs/lint.md).
    l.allowAnonymous = s ? parseBool(s.d) === true : l.kind === 'default' && m.perListenerSettings;
  }
}

function newListener(kind: ListenerModel['kind'], port: number): ListenerModel {
  return { kind, port, options: new Map(), security: { options: new Map(), plugins: [] }, triggers: [], network: true, tls: false, allowAnonymous: false };
}

/**
 * Whether a listener option set on the default listener makes mosquitto create it: some always, some only with a
 * value other than the default (mosquitto 2.0's src/conf.c compares the default listener with its defaults).
 */
function isTrigger(key: string, d: ConfDirective): boolean {
  if (!DEFAULT_LISTENER_TRIGGERS.has(key)) return false;
  const word = d.tokens[0]?.text;
  switch (key) {
    case 'tls_keyform':
      return word === 'engine';
    case 'max_qos':
      return parseIntLikeAtoi(word) !== 2;
    case 'protocol':
      return word !== 'mqtt';
    case 'max_connections':
      return parseIntLikeAtoi(word) >= 0;
    case 'require_certificate':
    case 'use_identity_as_username':
    case 'use_subject_as_username':
    case 'use_username_as_clientid':
      return parseBool(d) === true;
    default:
      return true;
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Split a bridge address `host[:port]` (IPv6 needs brackets or a port suffix as mosquitto reads it). */
export function splitHostPort(text: string): { host: string; port: number } {
  const br = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (br) return { host: br[1], port: br[2] ? Number(br[2]) : 1883 };
  const i = text.lastIndexOf(':');
  if (i > 0 && text.indexOf(':') === i) return { host: text.slice(0, i), port: Number(text.slice(i + 1)) || 1883 };
  return { host: text, port: 1883 };
}
