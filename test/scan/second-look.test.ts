/** @fileoverview The second look (docs/scan.md, "Timing on silent networks") finds a grid probe's place in the random probe order again: the inverse of the order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTarget } from '../../src/targets/parse.js';
import { buildTargetSet } from '../../src/targets/target-set.js';
import { gridProbes } from '../../src/targets/grid.js';
import { gridPositions } from '../../src/probe/scan.js';

test('gridPositions inverts the probe order: ranges of both families, a fixed target, shards, random and in order', async () => {
  const specs = ['127.0.1.0/28', '127.0.2.1-7', 'fd00::/124', 'mqtt://127.0.1.3:1883', '127.0.3.9'].map((t) => parseTarget(t));
  const resolve = async (): Promise<string[]> => {
    throw new Error('no name is resolved here');
  };
  for (const sequential of [false, true])
    for (const shard of [undefined, { index: 2, count: 3 }]) {
      const set = await buildTargetSet(specs, { ports: [1883, 8883], tlsPorts: [8883], exclude: [], maxHosts: 65536, sequential, resolve, ...(shard ? { shard } : {}) });
      const g = set.grid;
      const position = gridPositions(g);
      let seen = 0;
      for (let i = 0; i < g.total; i++) {
        for (const p of gridProbes({ from: i, to: i + 1 }, g)) {
          assert.equal(position(p.host, p.port), i, `${p.host}:${p.port}`);
          seen++;
        }
      }
      assert.ok(seen > 20, `${seen} grid probes`);
      assert.equal(position('127.0.1.3', 1883), undefined, 'a fixed target covers it: not the grid\'s');
      assert.equal(position('127.0.9.9', 1883), undefined, 'outside the ranges');
      assert.equal(position('127.0.1.4', 9999), undefined, 'not a grid port');
    }
});
