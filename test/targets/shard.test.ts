/** @fileoverview Deterministic sharding: the shards partition the positions exactly, their sizes add up, and a sharded target set splits the whole one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTarget } from '../../src/targets/parse.js';
import { gridShardTest, inShard, shardSize, type Shard } from '../../src/targets/shard.js';
import type { ProbeTask } from '../../src/targets/probe-task.js';
import { buildTargetSet } from '../../src/targets/target-set.js';

test('without a shard every position is in and counted', () => {
  assert.ok(inShard(undefined, 0n));
  assert.ok(inShard(undefined, 12345n));
  assert.equal(shardSize(undefined, 17n), 17n);
  assert.equal(gridShardTest(undefined, 3), undefined);
  assert.equal(gridShardTest({ index: 1, count: 1 }, 3), undefined);
});

test('shards partition the positions exactly, and shardSize counts each shard without expanding', () => {
  for (let count = 1; count <= 7; count++) {
    for (let n = 0n; n <= 40n; n++) {
      const owners = Array.from({ length: Number(n) }, () => 0);
      for (let index = 1; index <= count; index++) {
        const shard: Shard = { index, count };
        let mine = 0n;
        for (let i = 0n; i < n; i++) {
          if (inShard(shard, i)) {
            owners[Number(i)]++;
            mine++;
          }
        }
        assert.equal(shardSize(shard, n), mine, `shard ${index}/${count} of ${n}`);
      }
      assert.ok(owners.every((o) => o === 1), `each of ${n} positions in exactly one of ${count} shards`);
    }
  }
  assert.equal(shardSize({ index: 3, count: 4 }, 10n ** 30n), 10n ** 30n / 4n);
});

test('the grid test agrees with the position test, offset by the fixed probes', () => {
  for (const shard of [{ index: 1, count: 2 }, { index: 2, count: 3 }, { index: 5, count: 5 }]) {
    for (const fixedCount of [0, 1, 4]) {
      const mine = gridShardTest(shard, fixedCount);
      assert.ok(mine);
      for (let pos = 0; pos < 50; pos++) assert.equal(mine(pos), inShard(shard, BigInt(fixedCount + pos)), `${shard.index}/${shard.count}, ${fixedCount} fixed, position ${pos}`);
    }
  }
});

const key = (t: ProbeTask) => `${t.host}:${t.port}${t.tls ? 's' : ''}${t.ws ? `ws${t.ws}` : ''}${t.single ? '!' : ''}`;

test('sharded target sets split the whole one exactly: fixed probes covering grid positions, IPv6, random order', async () => {
  const specs = ['127.0.1.0/28', '127.0.2.1-7', '::1', 'fd00::/124', 'mqtt://127.0.1.3:1883', 'mqtt://127.0.1.4:1999', 'ws://127.0.2.2:8883/x', '127.0.3.9'].map((t) => parseTarget(t));
  const resolve = async (): Promise<string[]> => {
    throw new Error('no name is resolved here');
  };
  for (const sequential of [true, false]) {
    const opts = { ports: [1883, 8883, 9001], tlsPorts: [8883], wsPorts: [9001], exclude: [parseTarget('127.0.1.10')], maxHosts: 65536, sequential, resolve };
    const whole = await buildTargetSet(specs, opts);
    const all = [...whole.tasks()].map(key);
    assert.equal(new Set(all).size, all.length, 'no probe twice');
    assert.equal(BigInt(all.length), whole.totalProbes);
    for (const count of [1, 2, 3, 5, 11]) {
      const parts: string[] = [];
      let counted = 0n;
      for (let index = 1; index <= count; index++) {
        const set = await buildTargetSet(specs, { ...opts, shard: { index, count } });
        const list = [...set.tasks()].map(key);
        assert.equal(set.probeCount, BigInt(list.length), `shard ${index}/${count} counts what it yields`);
        assert.equal(set.totalProbes, whole.totalProbes);
        counted += set.probeCount;
        parts.push(...list);
      }
      assert.equal(counted, whole.totalProbes, `${count} shards' counts add up`);
      assert.deepEqual(parts.sort(), [...all].sort(), `${count} shards hold every probe once (${sequential ? 'in order' : 'random order'})`);
    }
  }
});
