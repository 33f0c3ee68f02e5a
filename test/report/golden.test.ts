/** @fileoverview Formatters are pure: every fixtures/results/*.json renders to the committed golden output in every format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, FORMATS } from '../../src/report/index.js';
import { loadCatalog } from '../../src/rules/load.js';
import type { Result } from '../../src/model/types.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';

const catalog = loadCatalog();
const EXT: Record<string, string> = { text: 'txt', json: 'json', sarif: 'sarif', html: 'html', markdown: 'md', junit: 'xml' };
const dir = join(FIXTURES, 'results');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const result = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Result;
  test(`fixture ${file} is a valid result`, () => assert.deepEqual(resultErrors(result), []));
  for (const format of FORMATS) {
    test(`golden: ${file} as ${format}`, async () => {
      const out = await render(format, result, catalog, {});
      const golden = join(ROOT, 'test', 'golden', `${file.replace(/\.json$/, '')}.${EXT[format]}`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, out);
      assert.equal(out, readFileSync(golden, 'utf8'), `${golden} differs (see test/golden/README.md)`);
      if (format === 'sarif') assert.deepEqual(sarifErrors(JSON.parse(out)), []);
      if (format === 'json') assert.deepEqual(JSON.parse(out), result);
    });
  }
}
