/** @fileoverview Where the repository's folders are, from dist/test/helpers. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** fixtures/ */
export const FIXTURES = join(ROOT, 'fixtures');
/** The CLI entry point. */
export const BIN = join(ROOT, 'bin', 'mqtt-audit.js');
