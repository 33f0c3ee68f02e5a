/** @fileoverview The order of targets in results: by address (numerically, IPv4 first), then port. */
import { isIP } from 'node:net';
import { toBig } from './ip.js';

/** Compare two targets; host names (not addresses) sort after addresses, by name. */
export function compareTargets(a: { host: string; port: number }, b: { host: string; port: number }): number {
  const fa = isIP(a.host);
  const fb = isIP(b.host);
  if (!fa || !fb) return fa - fb || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0) || a.port - b.port;
  const x = toBig(a.host);
  const y = toBig(b.host);
  return x.family - y.family || (x.n < y.n ? -1 : x.n > y.n ? 1 : 0) || a.port - b.port;
}
