/** @fileoverview Deterministic sharding (--shard I/N): probe position p belongs to shard I when p ≡ I-1 (mod N); counted without expanding. */

/** One shard of several: the 1-based index and the count (--shard index/count). */
export interface Shard {
  index: number;
  count: number;
}

/** Whether probe position i belongs to the shard (every position does without one). */
export function inShard(shard: Shard | undefined, i: bigint): boolean {
  return !shard || i % BigInt(shard.count) === BigInt(shard.index - 1);
}

/** How many of the positions 0 … n-1 belong to the shard (all n without one). */
export function shardSize(shard: Shard | undefined, n: bigint): bigint {
  return shard ? (n > BigInt(shard.index - 1) ? (n - BigInt(shard.index - 1) + BigInt(shard.count) - 1n) / BigInt(shard.count) : 0n) : n;
}

/** For the grid walk: whether grid position pos (after fixedCount fixed probes) is the shard's; undefined when every position is. */
export function gridShardTest(shard: Shard | undefined, fixedCount: number): ((pos: number) => boolean) | undefined {
  const N = shard ? shard.count : 1;
  const r = shard ? shard.index - 1 : 0;
  return N > 1 ? (pos) => (fixedCount + pos) % N === r : undefined;
}
