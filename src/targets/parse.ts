/** @fileoverview Target text → target specs: addresses, CIDR (ip-cidr), nmap-style ranges, host names, host:port, mqtt(s):// URLs. */
import IPCIDR from 'ip-cidr';
import { UsageError } from '../common/errors.js';
import type { Origin } from '../model/wire.js';
import { family, toBig, v4ToBig } from '../common/ip.js';


/** One parsed target: a range of addresses, or a host name to resolve. */
export type TargetSpec =
  | { kind: 'range'; family: 4 | 6; start: bigint; end: bigint; port?: number; tls?: boolean; ws?: string; text: string; origin?: Origin }
  | { kind: 'name'; name: string; port?: number; tls?: boolean; ws?: string; text: string; origin?: Origin };

/** The path MQTT over WebSockets is asked at when none is given (a --ws-ports port, a ws:// URL without a path). */
export const WS_DEFAULT_PATH = '/mqtt';

const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;

function port(text: string, spec: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`bad target "${spec}": port ${text} is not 1-65535`);
  return Number(text);
}

/** Parse one target; UsageError (exit 2) naming the target when it is not one. */
export function parseTarget(raw: string, origin?: Origin): TargetSpec {
  const text = raw.trim();
  const where = origin ? ` (${origin.path}:${origin.line})` : '';
  const bad = (why: string) => new UsageError(`bad target "${text}"${where}: ${why}`);
  if (text === '') throw bad('empty');
  let host = text;
  let p: number | undefined;
  let tls: boolean | undefined;
  let ws: string | undefined;
  const url = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  if (url) {
    const scheme = url[1].toLowerCase();
    if (!['mqtt', 'mqtts', 'tcp', 'ssl', 'tls', 'ws', 'wss'].includes(scheme)) throw bad(`unsupported scheme ${scheme}:// (mqtt://, mqtts://, ws:// or wss://)`);
    tls = scheme === 'mqtts' || scheme === 'ssl' || scheme === 'tls' || scheme === 'wss';
    // MQTT over WebSockets: the path of the URL (most brokers serve /mqtt; mosquitto any path).
    if (scheme === 'ws' || scheme === 'wss') ws = /^[^/]*(\/.*)?$/.exec(url[2])![1] ?? WS_DEFAULT_PATH;
    const rest = url[2].replace(/\/.*$/, '');
    if (rest.includes('@')) throw bad('credentials in the URL are not accepted (use --username/--password)');
    const m = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(rest);
    if (!m || m[1] === '') throw bad('no host in the URL');
    host = m[1].replace(/^\[|\]$/g, '');
    p = m[2] !== undefined ? port(m[2], text) : ws !== undefined ? (tls ? 443 : 80) : tls ? 8883 : 1883;
  } else {
    const br = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
    if (br) {
      host = br[1];
      if (br[2] !== undefined) p = port(br[2], text);
      if (family(host) !== 6) throw bad('only IPv6 addresses go in brackets');
    } else if ((text.match(/:/g) ?? []).length === 1 && !text.includes('/')) {
      const i = text.indexOf(':');
      host = text.slice(0, i);
      p = port(text.slice(i + 1), text);
    }
  }
  const base = { text, origin, ...(p !== undefined ? { port: p } : {}), ...(tls !== undefined ? { tls } : {}), ...(ws !== undefined ? { ws } : {}) };
  if (host.includes('/')) {
    if (p !== undefined || /\/\d+:\d+$/.test(host)) throw bad('a CIDR range takes its ports from --ports');
    if (!IPCIDR.isValidCIDR(host)) throw bad('not a valid CIDR range');
    const cidr = new IPCIDR(host);
    const fam = family(cidr.start() as string) || 4;
    return { kind: 'range', family: fam as 4 | 6, start: cidr.start({ type: 'bigInteger' }) as unknown as bigint, end: cidr.end({ type: 'bigInteger' }) as unknown as bigint, ...base };
  }
  const range = /^(\d+\.\d+\.\d+\.\d+)-(\d+(?:\.\d+\.\d+\.\d+)?)$/.exec(host);
  if (range) {
    if (p !== undefined) throw bad('a range takes its ports from --ports');
    if (family(range[1]) !== 4) throw bad(`${range[1]} is not an IPv4 address`);
    const endText = range[2].includes('.') ? range[2] : `${range[1].split('.').slice(0, 3).join('.')}.${range[2]}`;
    if (family(endText) !== 4) throw bad(`the range end ${range[2]} is not valid`);
    const start = v4ToBig(range[1]);
    const end = v4ToBig(endText);
    if (end < start) throw bad('the range ends before it starts');
    return { kind: 'range', family: 4, start, end, ...base };
  }
  const fam = family(host);
  if (fam) {
    const { n } = toBig(host);
    return { kind: 'range', family: fam, start: n, end: n, ...base };
  }
  if (/^[\d.]+$/.test(host)) throw bad('not a valid IPv4 address');
  if (host.includes(':')) throw bad('not a valid IPv6 address (write [addr]:port for a port)');
  if (!HOSTNAME.test(host)) throw bad('not an address, range, CIDR or host name');
  return { kind: 'name', name: host.toLowerCase().replace(/\.$/, ''), ...base };
}

/** Parse a --targets-file text: one target a line, `#` comments and blank lines skipped. */
export function parseTargetsFile(path: string, text: string): TargetSpec[] {
  const out: TargetSpec[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    for (const word of line.split(/[\s,]+/).filter(Boolean)) out.push(parseTarget(word, { path, line: i + 1 }));
  });
  return out;
}

/** Parse a --ports list: `1883,8883`, ranges `8000-8010`. */
export function parsePorts(text: string, option = '--ports'): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`${option}: "${part}" is not a port or port range`);
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a < 1 || b > 65535 || b < a) throw new UsageError(`${option}: "${part}" is not within 1-65535`);
    for (let x = a; x <= b; x++) out.add(x);
  }
  if (out.size === 0) throw new UsageError(`${option}: no ports given`);
  return [...out].sort((x, y) => x - y);
}
