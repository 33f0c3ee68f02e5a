/** @fileoverview The closed `when:` vocabulary of declarative rules: equals, in, notIn, matches, lt/lte/gt/gte, exists, all/any/not. */
import type { Condition } from '../model/types.js';

/** A subject's facts: names (`port`, `option.max_connections`) to values; arrays hold repeated options. */
export type FactValue = string | number | boolean | (string | number | boolean)[] | undefined;
export type Facts = Record<string, FactValue>;

/** One value against a leaf condition (no all/any/not, no exists). */
function holds(c: Extract<Condition, { fact: string }>, x: string | number | boolean): boolean {
  if (c.equals !== undefined) return x === c.equals;
  if (c.in !== undefined) return c.in.includes(x);
  if (c.notIn !== undefined) return !c.notIn.includes(x);
  if (c.matches !== undefined) return new RegExp(c.matches).test(String(x));
  if (typeof x !== 'number') return false;
  if (c.lt !== undefined) return x < c.lt;
  if (c.lte !== undefined) return x <= c.lte;
  if (c.gt !== undefined) return x > c.gt;
  if (c.gte !== undefined) return x >= c.gte;
  return false;
}

/**
 * The place that makes a condition hold, for the finding to point at: the first leaf that holds and has a place,
 * and for a repeated option the element that satisfies it (`log_type debug`, not the first log_type line).
 * An absence (`exists: false`) has no place of its own.
 */
export function causeOf<P>(c: Condition, facts: Facts, where: Map<string, P[]>): P | undefined {
  if ('all' in c) {
    for (const x of c.all) {
      const p = causeOf(x, facts, where);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if ('any' in c) {
    for (const x of c.any) {
      if (!matches(x, facts)) continue;
      const p = causeOf(x, facts, where);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if ('not' in c) {
    // A value that makes the inner condition fail is the cause (`persistence false` under `not: equals true`).
    for (const f of factsOf(c.not)) {
      const ps = where.get(f);
      if (ps?.length && facts[f] !== undefined) return ps[ps.length - 1];
    }
    return undefined;
  }
  if (c.exists === false) return undefined;
  const places = where.get(c.fact);
  const v = facts[c.fact];
  if (!places?.length || v === undefined) return undefined;
  if (!Array.isArray(v) || c.exists === true) return places[places.length - 1];
  if (c.notIn !== undefined) return places[places.length - 1];
  const i = v.findIndex((x) => holds(c, x));
  return i >= 0 ? places[Math.min(i, places.length - 1)] : undefined;
}

/** Does a condition hold for these facts? An absent fact satisfies only `exists: false`, `notIn` and `not`. */
export function matches(c: Condition, facts: Facts): boolean {
  if ('all' in c) return c.all.every((x) => matches(x, facts));
  if ('any' in c) return c.any.some((x) => matches(x, facts));
  if ('not' in c) return !matches(c.not, facts);
  const v = facts[c.fact];
  if (c.exists !== undefined) return (v !== undefined) === c.exists;
  if (v === undefined) return c.notIn !== undefined;
  const vs = Array.isArray(v) ? v : [v];
  if (c.equals !== undefined) return vs.some((x) => x === c.equals);
  if (c.in !== undefined) return vs.some((x) => c.in!.includes(x));
  if (c.notIn !== undefined) return vs.every((x) => !c.notIn!.includes(x));
  if (c.matches !== undefined) {
    const re = new RegExp(c.matches);
    return vs.some((x) => re.test(String(x)));
  }
  const nums = vs.filter((x): x is number => typeof x === 'number');
  if (c.lt !== undefined) return nums.some((x) => x < c.lt!);
  if (c.lte !== undefined) return nums.some((x) => x <= c.lte!);
  if (c.gt !== undefined) return nums.some((x) => x > c.gt!);
  if (c.gte !== undefined) return nums.some((x) => x >= c.gte!);
  return false;
}

/** Every fact name a condition reads, in order of appearance. */
export function factsOf(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(factsOf);
  if ('any' in c) return c.any.flatMap(factsOf);
  if ('not' in c) return factsOf(c.not);
  return [c.fact];
}
