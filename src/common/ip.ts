/** @fileoverview IP addresses as bigints and back, for interval arithmetic over ranges of any size. */
import { isIPv4, isIPv6 } from 'node:net';

/** Parse an IPv4 address to a number-valued bigint. */
export function v4ToBig(s: string): bigint {
  const p = s.split('.').map(Number);
  return BigInt(((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]);
}

/** Format a bigint as dotted IPv4. */
export function bigToV4(n: bigint): string {
  const v = Number(n);
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Parse an IPv6 address (with :: and an optional embedded IPv4 tail) to a bigint. */
export function v6ToBig(s: string): bigint {
  let text = s.toLowerCase();
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4tail) {
    const n = Number(v4ToBig(v4tail[1]));
    text = `${text.slice(0, -v4tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const groups = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  let n = 0n;
  for (const g of groups) n = (n << 16n) + BigInt(parseInt(g || '0', 16));
  return n;
}

/** Format a bigint as canonical compressed IPv6 (RFC 5952). */
export function bigToV6(n: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** The family of an address literal, or 0. */
export function family(s: string): 0 | 4 | 6 {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

/** Parse an address literal of either family. */
export function toBig(s: string): { family: 4 | 6; n: bigint } {
  return isIPv4(s) ? { family: 4, n: v4ToBig(s) } : { family: 6, n: v6ToBig(s) };
}

/** Format an address of a family. */
export function fromBig(fam: 4 | 6, n: bigint): string {
  return fam === 4 ? bigToV4(n) : bigToV6(n);
}

/** An address as it goes in a URL or before `:port`: an IPv6 literal in brackets, anything else as it is. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
