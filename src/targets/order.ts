/** @fileoverview The probe order: a pseudo-random permutation of grid positions, position(i) = (a·i + c) mod total with gcd(a, total) = 1. */

/** Up to this modulus the 16-bit steps below stay within exact doubles (a · 65535 < 2^53). */
const EXACT_IN_DOUBLES = 2 ** 37;

/** (x · y) mod m, exact for x, y < m ≤ 2^48. */
export function mulmod(x: number, y: number, m: number): number {
  // NOTE: above 2^37 positions the double path rounds; BigInt is exact there (and the order below it is unchanged).
  if (m > EXACT_IN_DOUBLES) return Number((BigInt(x) * BigInt(y)) % BigInt(m));
  let r = 0;
  let a = x % m;
  let b = y;
  // 16 bits of y at a time: a · 2^16 < 2^64 would overflow doubles, so a stays < 2^48 and each step is reduced.
  while (b > 0) {
    const low = b % 65536;
    r = (r + ((a * low) % m)) % m;
    b = Math.floor(b / 65536);
    a = (a * 65536) % m;
  }
  return r;
}

/** The greatest common divisor of two non-negative integers. */
export function gcd(x: number, y: number): number {
  while (y) [x, y] = [y, x % y];
  return x;
}

/** A probe order for total positions: random (a spread multiplier and a random offset) or in order. */
export function probeOrder(total: number, sequential: boolean, random: () => number = Math.random): { a: number; c: number } {
  if (sequential || total < 3) return { a: 1, c: 0 };
  // A multiplier near total/φ makes consecutive probes land far apart across the whole range.
  let a = Math.max(1, Math.floor(total * 0.6180339887 + random() * Math.sqrt(total)) % total);
  while (gcd(a, total) !== 1) a = (a + 1) % total || 1;
  return { a, c: Math.floor(random() * total) };
}

/** The grid position probed i-th under the order (a, c); a = 1, c = 0 is the identity. */
export function orderedPosition(a: number, c: number, total: number, i: number): number {
  return a === 1 && c === 0 ? i : (mulmod(a, i, total) + c) % total;
}
