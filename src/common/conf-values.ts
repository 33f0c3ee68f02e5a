/** @fileoverview How mosquitto reads values (booleans, integers, addresses), shared by the config model and the rules that judge it. */
import type { ConfDirective, ListenerModel, Setting } from '../model/config.js';

/** Read a bool the way conf__parse_bool does; undefined when mosquitto would refuse it. */
export function parseBool(d: ConfDirective): boolean | undefined {
  const t = d.tokens[0]?.text;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** True when a bool setting is set to true. */
export function isOn(s: Setting | undefined): boolean {
  return s !== undefined && parseBool(s.d) === true;
}

/** Read an int the way atoi does: leading digits, anything else is 0. */
export function parseIntLikeAtoi(text: string | undefined): number {
  const m = /^\s*([+-]?\d+)/.exec(text ?? '');
  return m ? Number(m[1]) : 0;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|localhost|0*:0*:0*:0*:0*:0*:0*:0*1)$/i;

/** True when an address is loopback (docs/lint.md, "Listeners"). */
export function isLoopback(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK.test(host);
}

/** A listener a client can reach over the network: neither the local-only default nor a unix socket, with a real port. */
export function isNetworkListener(l: ListenerModel): boolean {
  return l.kind !== 'local-only' && !l.socketPath && l.port > 0;
}
