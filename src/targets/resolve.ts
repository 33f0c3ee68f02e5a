/** @fileoverview Target specs → the addresses to probe: names resolved forward (never reverse), single addresses as literals. */
import { lookup } from 'node:dns/promises';
import { UsageError } from '../common/errors.js';
import { fromBig } from '../common/ip.js';
import type { TargetSpec } from './parse.js';

/** Name resolution: a name to its address literals (injectable for tests). */
export type Resolver = (name: string) => Promise<string[]>;

/** Forward-resolve a name to every address (dns.lookup, as the system resolver does). */
export async function resolveName(name: string): Promise<string[]> {
  const r = await lookup(name, { all: true, verbatim: true });
  return [...new Set(r.map((a) => a.address))];
}

/** The addresses of a spec that is probed on its own: a name's, or the one address; UsageError when it cannot be resolved or is a range. */
export async function resolveSpec(s: TargetSpec, resolve: Resolver): Promise<string[]> {
  if (s.kind === 'name') {
    try {
      return await resolve(s.name);
    } catch (e) {
      throw new UsageError(`cannot resolve target "${s.name}"${s.origin ? ` (${s.origin.path}:${s.origin.line})` : ''}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (s.end !== s.start) throw new UsageError(`bad target "${s.text}": a range takes no port or scheme`);
  return [fromBig(s.family, s.start)];
}
