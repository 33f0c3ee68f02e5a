/** @fileoverview The closed `when:` vocabulary of declarative rules: equals, in, notIn, matches, lt/lte/gt/gte, exists, all/any/not. */
import type { Condition } from '../model/types.js';

/** A subject's facts: names (`port`, `option.max_connections`) to values; arrays hold repeated options. */
export type FactValue = string | number | boolean | (string | number | boolean)[] | undefined;
export type Facts = Record<string, FactValue>;

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
