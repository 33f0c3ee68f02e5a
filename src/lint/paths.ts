/** @fileoverview Paths as users see them (relative to the working directory) and as a config names them (--root). */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A path relative to the working directory, with `/` separators. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, abs);
  // Outside the working directory a relative path says less than the absolute one (SARIF: file:/// URIs).
  if (rel.startsWith('..') || isAbsolute(rel)) return abs.split(sep).join('/');
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/**
 * Where a path named in a config is looked for. Absolute P under --root DIR: DIR/P, then DIR/ + P without its
 * leading /etc/mosquitto/ (CONTRACT.md, lint). Relative paths are opened by mosquitto against its working
 * directory, which a repo cannot know: they are looked up beside the config, then under --root.
 */
export function candidatePaths(value: string, configPath: string, root?: string): string[] {
  if (isAbsolute(value)) {
    if (!root) return [value];
    const out = [join(root, value)];
    const stripped = value.replace(/^\/etc\/mosquitto\//, '');
    if (stripped !== value) out.push(join(root, stripped));
    return out;
  }
  const out = [resolve(dirname(configPath), value)];
  if (root) out.push(resolve(root, value));
  return out;
}

/** The first candidate that exists, or undefined. */
export function firstExisting(cands: string[]): string | undefined {
  return cands.find((c) => existsSync(c));
}

const gitCache = new Map<string, boolean>();

/** True when a file sits in a git work tree, where file modes are not what gets deployed (git keeps only +x). */
export function inGitWorkTree(file: string): boolean {
  let dir = dirname(resolve(file));
  const seen: string[] = [];
  for (;;) {
    const cached = gitCache.get(dir);
    if (cached !== undefined) return remember(seen, cached);
    seen.push(dir);
    try {
      statSync(join(dir, '.git'));
      return remember(seen, true);
    } catch {
      /* not here */
    }
    const up = dirname(dir);
    if (up === dir) return remember(seen, false);
    dir = up;
  }
}

function remember(dirs: string[], v: boolean): boolean {
  for (const d of dirs) gitCache.set(d, v);
  return v;
}
