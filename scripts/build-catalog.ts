/** @fileoverview `npm run build` step: validate rules/**\/*.yaml once and write dist/catalog.json, which runs start from. */
import { writeFileSync } from 'node:fs';
import { compileCatalog, COMPILED_CATALOG } from '../src/rules/load.js';

writeFileSync(COMPILED_CATALOG, compileCatalog());
