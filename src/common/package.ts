/** @fileoverview Where the package is installed: rules/ and reports/ are read from here. */
import { fileURLToPath } from 'node:url';

/** The package root (where rules/ and reports/ live), from dist/src/common/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
