/** @fileoverview Paths as users see them: relative to the working directory, with `/` separators. */
import { isAbsolute, relative, sep } from 'node:path';

/** A path relative to the working directory, with `/` separators. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, abs);
  // Outside the working directory a relative path says less than the absolute one (SARIF: file:/// URIs).
  if (rel.startsWith('..') || isAbsolute(rel)) return abs.split(sep).join('/');
  return (rel === '' ? '.' : rel).split(sep).join('/');
}
