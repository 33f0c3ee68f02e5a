/** @fileoverview Address interval arithmetic: merge overlapping or adjacent ranges, subtract exclusions, test membership. */

/** A closed range of addresses of one family, as bigints. */
export interface Interval {
  family: 4 | 6;
  start: bigint;
  end: bigint;
}

/** Sorted, non-overlapping intervals (IPv4 first, then IPv6): overlapping and adjacent ones joined; the input is not changed. */
export function merge(list: Interval[]): Interval[] {
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

/** The addresses of `from` that no interval of `cut` covers (a cut through the middle splits an interval in two). */
export function subtract(from: Interval[], cut: Interval[]): Interval[] {
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

/** Whether address n of family fam lies in one of the intervals. */
export function inside(list: Interval[], fam: 4 | 6, n: bigint): boolean {
  return list.some((i) => i.family === fam && i.start <= n && n <= i.end);
}
