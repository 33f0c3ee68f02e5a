/**
 * @fileoverview The corpus of real-world-shaped setups (fixtures/corpus): a first run of `mqtt-audit lint SETUP` finds every
 * marked problem, and the findings it reports besides are only low ones (the first-run signal; docs/lint.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSetup, setups } from '../helpers/corpus.js';

const runs = setups().map(runSetup);

for (const r of runs) {
  test(`corpus ${r.setup}: every marked problem is found`, () => assert.deepEqual(r.missed, []));
}

test('corpus: nothing above low is reported that is not a marked problem, but admin accounts the project config names', () => {
  const loud = runs.flatMap((r) => r.noise.filter((f) => f.severity !== 'low' && f.severity !== 'info').map((f) => `${r.setup}: ${f.ruleId} ${f.location?.path}:${f.location?.line}`));
  // per-listener grants its admin user `#` on purpose; the README's answer is --acl-admin admin.
  assert.deepEqual(loud, ['per-listener: acl.user-wildcard-all acl:14']);
});
