/** @fileoverview Target specs → the probes to run: merged intervals minus --exclude, resolved names, --ports, --shard; counted without expanding. */
import { lookup } from 'node:dns/promises';
import { UsageError } from '../errors.js';
import { fromBig, toBig } from './ip.js';
import type { Origin, TargetSpec } from './parse.js';

/** One (address, port) to probe. */
export interface ProbeTask {
  /** The address literal to connect to. */
  host: string;
  port: number;
  tls: boolean;
  /** The host name the user gave (for SNI and the hostname check), when it was a name. */
  name?: string;
  origin?: Origin;
  /** True when the user named this host alone (not as part of a range): it is reported whatever its state. */
  single: boolean;
}

interface Interval {
  family: 4 | 6;
  start: bigint;
  end: bigint;
}

/** What the scan covers; iterate with tasks(), count with probeCount. */
export interface TargetSet {
  /** Probes after --exclude and de-duplication, before --shard. */
  totalProbes: bigint;
  /** Distinct addresses. */
  addresses: bigint;
  /** Probes of this shard. */
  probeCount: bigint;
  tasks(): Generator<ProbeTask>;
  /** The --targets-file line that named an address, for SARIF. */
  originOf(host: string): Origin | undefined;
}

/** Options that shape the set. */
export interface TargetOptions {
  ports: number[];
  tlsPorts: number[];
  exclude: TargetSpec[];
  maxHosts: number;
  shard?: { index: number; count: number };
  /** Name resolution (never reverse); injectable for tests. */
  resolve?: (name: string) => Promise<string[]>;
}

/** Forward-resolve a name to every address (dns.lookup, as the system resolver does). */
export async function resolveName(name: string): Promise<string[]> {
  const r = await lookup(name, { all: true, verbatim: true });
  return [...new Set(r.map((a) => a.address))];
}

function merge(list: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const fam of [4, 6] as const) {
    const xs = list.filter((i) => i.family === fam).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (const x of xs) {
      const last = out[out.length - 1];
      if (last && last.family === fam && x.start <= last.end + 1n) {
        if (x.end > last.end) last.end = x.end;
      } else out.push({ ...x });
    }
  }
  return out;
}

function subtract(from: Interval[], cut: Interval[]): Interval[] {
  let cur = from;
  for (const c of cut) {
    const next: Interval[] = [];
    for (const i of cur) {
      if (i.family !== c.family || c.end < i.start || c.start > i.end) {
        next.push(i);
        continue;
      }
      if (c.start > i.start) next.push({ family: i.family, start: i.start, end: c.start - 1n });
      if (c.end < i.end) next.push({ family: i.family, start: c.end + 1n, end: i.end });
    }
    cur = next;
  }
  return cur;
}

const inside = (list: Interval[], fam: 4 | 6, n: bigint) => list.some((i) => i.family === fam && i.start <= n && n <= i.end);

/** Build the target set: resolve names, merge and subtract ranges, check --max-hosts. UsageError on what cannot be scanned. */
export async function buildTargetSet(specs: TargetSpec[], opts: TargetOptions): Promise<TargetSet> {
  if (specs.length === 0) throw new UsageError('no targets: name hosts, ranges or URLs, or use --targets-file');
  const resolve = opts.resolve ?? resolveName;
  const excludeNames = new Set(opts.exclude.filter((e) => e.kind === 'name').map((e) => (e.kind === 'name' ? e.name : '')));
  const cut = merge(opts.exclude.flatMap((e) => (e.kind === 'range' ? [{ family: e.family, start: e.start, end: e.end }] : [])));
  const rangeSpecs = specs.filter((s): s is Extract<TargetSpec, { kind: 'range' }> => s.kind === 'range' && s.port === undefined && s.tls === undefined);
  const intervals = subtract(merge(rangeSpecs.map((s) => ({ family: s.family, start: s.start, end: s.end }))), cut);

  // Probes with their own port, transport or name: few, kept as a list.
  const fixed: ProbeTask[] = [];
  const fixedKeys = new Set<string>();
  const addFixed = (t: ProbeTask) => {
    const key = `${t.host}|${t.port}`;
    if (fixedKeys.has(key)) return;
    const { family, n } = toBig(t.host);
    if (inside(cut, family, n)) return;
    fixedKeys.add(key);
    fixed.push(t);
  };
  for (const s of specs) {
    if (s.kind === 'range' && s.port === undefined && s.tls === undefined) continue;
    const ports = s.port !== undefined ? [s.port] : opts.ports;
    let hosts: string[];
    if (s.kind === 'name') {
      if (excludeNames.has(s.name)) continue;
      try {
        hosts = await resolve(s.name);
      } catch (e) {
        throw new UsageError(`cannot resolve target "${s.name}"${s.origin ? ` (${s.origin.path}:${s.origin.line})` : ''}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    } else {
      if (s.end !== s.start) throw new UsageError(`bad target "${s.text}": a range takes no port or scheme`);
      hosts = [fromBig(s.family, s.start)];
    }
    for (const host of hosts) {
      for (const port of ports) addFixed({ host, port, tls: s.tls ?? opts.tlsPorts.includes(port), ...(s.kind === 'name' ? { name: s.name } : {}), ...(s.origin ? { origin: s.origin } : {}), single: true });
    }
  }

  const rangeAddresses = intervals.reduce((a, i) => a + (i.end - i.start + 1n), 0n);
  const fixedAddrs = new Set(fixed.map((f) => f.host));
  let extraAddrs = 0n;
  let overlap = 0n;
  for (const h of fixedAddrs) {
    const { family, n } = toBig(h);
    if (!inside(intervals, family, n)) extraAddrs++;
  }
  for (const f of fixed) {
    const { family, n } = toBig(f.host);
    if (opts.ports.includes(f.port) && inside(intervals, family, n)) overlap++;
  }
  const addresses = rangeAddresses + extraAddrs;
  if (addresses > BigInt(opts.maxHosts)) {
    throw new UsageError(`the targets cover ${addresses} addresses, more than --max-hosts ${opts.maxHosts}; raise --max-hosts to scan them`);
  }
  const totalProbes = rangeAddresses * BigInt(opts.ports.length) - overlap + BigInt(fixed.length);
  const shard = opts.shard;
  const probeCount = shard ? (totalProbes - BigInt(shard.index - 1) + BigInt(shard.count) - 1n) / BigInt(shard.count) : totalProbes;

  // A single address the user named in a range spec (e.g. "10.0.0.5") counts as named alone.
  const singles = new Set(rangeSpecs.filter((s) => s.start === s.end).map((s) => `${s.family}|${s.start}`));
  const originSpecs = specs.filter((s) => s.origin);

  return {
    totalProbes,
    addresses,
    probeCount: probeCount < 0n ? 0n : probeCount,
    *tasks() {
      let i = 0;
      const mine = () => {
        const ok = !shard || i % shard.count === shard.index - 1;
        i++;
        return ok;
      };
      for (const f of fixed) if (mine()) yield f;
      for (const iv of intervals) {
        for (let n = iv.start; n <= iv.end; n++) {
          const host = fromBig(iv.family, n);
          const single = singles.has(`${iv.family}|${n}`);
          for (const port of opts.ports) {
            if (fixedKeys.size && fixedKeys.has(`${host}|${port}`)) continue;
            if (mine()) yield { host, port, tls: opts.tlsPorts.includes(port), single };
          }
        }
      }
    },
    originOf(host: string) {
      const { family, n } = toBig(host);
      for (const s of originSpecs) {
        if (s.kind === 'range' && s.family === family && s.start <= n && n <= s.end) return s.origin;
      }
      return fixed.find((f) => f.host === host && f.origin)?.origin;
    },
  };
}
