/** @fileoverview Write docs/rules.md from rules/**\/*.yaml (`npm run docs`); a test fails when the committed file is stale. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown } from '../src/cli/commands/rules.js';
import { loadCatalog, PACKAGE_ROOT } from '../src/rules/load.js';

/** Where the generated rule reference lives. */
export const RULES_DOC = join(PACKAGE_ROOT, 'docs', 'rules.md');

/** The text docs/rules.md must hold. */
export function rulesDoc(): string {
  return rulesMarkdown(loadCatalog());
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync(RULES_DOC, rulesDoc());
  process.stdout.write(`wrote ${RULES_DOC}\n`);
}
