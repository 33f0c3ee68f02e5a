/** @fileoverview Small helpers checks share: naming listeners and targets, the start of a network hit, modes, topic filters. */
import { urlHost } from '../common/ip.js';
import type { ListenerModel, ModeFact } from '../model/config.js';
import type { Hit } from '../model/types.js';
import type { Origin, TargetFacts } from '../model/wire.js';

/** A listener as users name it: "listener 1883 on all addresses", "listener 8883 on 10.0.0.5". */
export function listenerName(l: ListenerModel): string {
  const where = l.socketPath ? `socket ${l.socketPath}` : l.options.get('bind_interface') ? `interface ${l.options.get('bind_interface')!.value}` : l.bind ? l.bind : 'all addresses';
  const what = l.kind === 'default' ? 'the default listener' : l.kind === 'local-only' ? 'the local-only listener' : 'listener';
  return `${what} ${l.port} on ${where}`;
}

/** A stable key for a listener, for fingerprints that must not move with line numbers. */
export function listenerKey(l: ListenerModel): string {
  return `${l.kind}:${l.port}:${l.socketPath ?? l.bind ?? '*'}`;
}

/** The mode of a file when it is meaningful (not in a git work tree, not ignored). */
export function checkedMode(m: ModeFact | undefined): number | undefined {
  return m && m.checked ? m.mode : undefined;
}

/** `0644`-style text of a mode. */
export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** Filters that match every topic: `#`, `+/#`, `+/+/#` … */
export const MATCH_ALL = /^(\+\/)*#$/;

/**
 * True when every topic filter `inner` matches is also matched by `outer` (`sensors/#` covers `sensors/a/+`, `#`
 * covers everything but `$` topics). Wildcards only; no %u/%c.
 */
export function filterCovers(outer: string, inner: string): boolean {
  const lo = outer.split('/');
  const li = inner.split('/');
  if ((lo[0] === '#' || lo[0] === '+') && li[0].startsWith('$')) return false;
  for (let i = 0; ; i++) {
    const o = lo[i];
    const n = li[i];
    if (o === '#') return true;
    if (o === undefined) return n === undefined;
    if (n === undefined) return false;
    if (n === '#') return false;
    if (o === '+') continue;
    if (o !== n) return false;
  }
}

/** Can some topic match both filters? `%u`/`%c` count as one whole level (mosquitto.conf(5) acl_file). */
export function filtersOverlap(a: string, b: string): boolean {
  const la = a.split('/');
  const lb = b.split('/');
  for (let i = 0; ; i++) {
    const x = la[i];
    const y = lb[i];
    if (x === '#' || y === '#') return true;
    if (x === undefined || y === undefined) return x === y;
    const wild = (s: string) => s === '+' || s.includes('%u') || s.includes('%c');
    if (!wild(x) && !wild(y) && x !== y) return false;
  }
}

/** A scanned target as messages name it, and the start of a hit on it (at the --targets-file line that named it, if any). */
export function targetHit(t: TargetFacts, origin?: Origin): { hit: Hit; endpoint: string } {
  const host = urlHost(t.host);
  const endpoint = `${t.name ? `${t.name} (${host})` : host}:${t.port}`;
  return { endpoint, hit: { target: { host: t.host, port: t.port }, ...(origin ? { at: { path: origin.path, line: origin.line } } : {}), evidence: { transport: t.transport, ...(t.websocket !== undefined ? { websocket: t.websocket } : {}) } } };
}

/** Who the listening session was, as a message names it. */
export function sessionName(t: TargetFacts): string {
  const s = t.mqtt?.session;
  return s?.identity === 'user' ? `user ${s.username}` : s?.identity === 'certificate' ? 'a client with the given certificate' : 'an anonymous client';
}

/** Is the wire target open and speaking TLS? */
export const wireTls = (t: TargetFacts) => t.transport === 'tls' && !!t.tls?.protocol;

/** `1 topic`, `5 topics`: a count with its noun in the right number (the plural is given when it is not noun + s). */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}

/**
 * A list in one line of a report: the first few items, then how many more and where they are
 * (`AES128-GCM-SHA256, AES256-GCM-SHA384, … 4 more in the JSON evidence`).
 */
export function shortList(items: string[], keep = 3): string {
  if (items.length <= keep + 1) return items.join(', ');
  return `${items.slice(0, keep).join(', ')}, … ${items.length - keep} more in the JSON evidence`;
}
