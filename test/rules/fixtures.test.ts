/** @fileoverview Every lint fixture: the rule fires exactly on the lines marked `# expect:` and nowhere else; good fixtures stay silent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/rules/load.js';
import { RUN_FILE, lintFixture, readExpectations, stageFixture } from '../helpers/harness.js';
import { FIXTURES } from '../helpers/paths.js';

const catalog = loadCatalog();
const rules = catalog.rules;
const dirs = readdirSync(join(FIXTURES, 'lint')).sort();

for (const ruleId of dirs) {
  const dir = join(FIXTURES, 'lint', ruleId);
  const files = readdirSync(dir).filter((f) => RUN_FILE.test(f)).sort();
  for (const file of files) {
    test(`${ruleId}: ${file} ${file.startsWith('bad') ? 'fires on exactly the marked lines' : 'stays silent'}`, () => {
      assert.ok(catalog.get(ruleId), `fixtures/lint/${ruleId} names no rule`);
      const tmp = stageFixture(dir, file);
      const expected = readExpectations(tmp);
      const result = lintFixture(tmp, file, rules);
      const ids = new Set([ruleId, ...expected.map((e) => e.ruleId)]);
      const key = (x: { ruleId: string; path: string; line: number }) => `${x.ruleId} ${x.path}:${x.line}`;
      // A finding repeated in one file is one finding with its other lines in `related`: every line counts.
      const actual = result.findings
        .filter((f) => ids.has(f.ruleId) && f.location)
        .flatMap((f) => [f.location!, ...(f.related ?? [])].map((l) => key({ ruleId: f.ruleId, path: l.path, line: l.line })));
      // A marker counts when its file took part in this run (the run file, or a file it includes or names).
      const used = new Set(result.files.map((f) => f.path));
      const relevant = expected.filter((e) => used.has(e.path) || (e.from !== undefined && used.has(e.from))).map(key);
      assert.deepEqual([...new Set(actual)].sort(), [...new Set(relevant)].sort(), `findings of ${[...ids].join(', ')}`);
      if (file.startsWith('good')) assert.equal(result.findings.filter((f) => f.ruleId === ruleId).length, 0);
      else assert.ok(actual.some((a) => a.startsWith(`${ruleId} `)), `a bad fixture must make ${ruleId} fire`);
      for (const f of result.findings) assert.doesNotMatch(f.message, /\{[A-Za-z][\w.]*\}/, `unfilled placeholder in ${f.ruleId}: ${f.message}`);
    });
  }
}
