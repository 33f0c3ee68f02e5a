/** @fileoverview Small helpers the code checks share: walking listeners, naming them, file modes. */
import type { Hit } from '../../model/types.js';
import type { TargetFacts } from '../../probe/run-probe.js';
import type { ConfigUnit, LintFacts } from '../../lint/load.js';
import { isNetworkListener, type ListenerModel } from '../../lint/model.js';
import type { RuleContext } from '../context.js';
import { urlHost } from '../../targets/ip.js';

/** Every (config, listener) pair of a lint. */
export function* listeners(ctx: RuleContext): Iterable<{ unit: ConfigUnit; l: ListenerModel }> {
  for (const unit of ctx.lint?.configs ?? []) for (const l of unit.model.listeners) yield { unit, l };
}

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
export function checkedMode(lint: LintFacts | undefined, abs: string): number | undefined {
  const m = lint?.modes.get(abs);
  return m && m.checked ? m.mode : undefined;
}

/** `0644`-style text of a mode. */
export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** Filters that match every topic: `#`, `+/#`, `+/+/#` … */
export const MATCH_ALL = /^(\+\/)*#$/;

/** Certificates worth judging in a PEM unit: every cert of a cert/chain file; the CAs of a small private CA file (not a trust store). */
export function* judgedCerts(lint: LintFacts | undefined): Iterable<{ pem: LintFacts['pems'][number]; cert: NonNullable<LintFacts['pems'][number]['certs']>[number] }> {
  for (const pem of lint?.pems ?? []) {
    const certs = pem.certs ?? [];
    if (pem.ref.kind === 'ca' && certs.length > 20) continue;
    for (const cert of certs) yield { pem, cert };
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


/** Every scanned target, with the start of a hit that names it (and the --targets-file line, when one named it). */
export function* targets(ctx: RuleContext): Iterable<{ t: TargetFacts; hit: Hit; endpoint: string }> {
  for (const t of ctx.scan?.targets ?? []) {
    const host = urlHost(t.host);
    const endpoint = `${t.name ? `${t.name} (${host})` : host}:${t.port}`;
    yield { t, endpoint, hit: { target: { host: t.host, port: t.port }, ...(t.origin ? { at: { path: t.origin.path, line: t.origin.line } } : {}), evidence: { transport: t.transport, ...(t.websocket !== undefined ? { websocket: t.websocket } : {}) } } };
  }
}

/** Who the listening session was, as a message names it. */
export function sessionName(t: TargetFacts): string {
  const s = t.mqtt?.session;
  return s?.identity === 'user' ? `user ${s.username}` : s?.identity === 'certificate' ? 'a client with the given certificate' : 'an anonymous client';
}

/** For drift: each host the user named, with the config's listeners that would listen on it and what the wire showed. */
export function* driftPairs(ctx: RuleContext): Iterable<{ host: string; unit: ConfigUnit; declared: ListenerModel[]; wire: TargetFacts[] }> {
  const unit = ctx.lint?.configs[0];
  if (!unit || !ctx.scan) return;
  const hosts = [...new Set(ctx.scan.targets.filter((t) => t.single).map((t) => t.host))];
  for (const host of hosts) {
    const declared = unit.model.listeners.filter((l) => isNetworkListener(l) && (l.bind === undefined || l.bind === host || l.bind === loopbackName(host)));
    yield { host, unit, declared, wire: ctx.scan.targets.filter((t) => t.host === host) };
  }
}
/** A listener bound to `localhost` listens on 127.0.0.1 and ::1. */
const loopbackName = (h: string) => (h === '::1' || h === '127.0.0.1' ? 'localhost' : h);

/** Is the wire target open and speaking TLS? */
export const wireTls = (t: TargetFacts) => t.transport === 'tls' && !!t.tls?.protocol;
