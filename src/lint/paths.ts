/** @fileoverview Paths as a config names them (--root), real paths, and whether a file sits in a git work tree. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';


/**
 * Where a path named in a config is looked for. Absolute P under --root DIR: DIR/P, then DIR/ + P without its
 * leading /etc/mosquitto/ (docs/ci.md). Relative paths are opened by mosquitto against its working
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

/** The real path of a file (links resolved), or the path itself when it cannot be resolved. */
export function safeReal(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}
