/** @fileoverview The mode of an input file, and whether it is meaningful (docs/lint.md, "Linting a repository"). */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ModeFact } from '../model/config.js';
import { gitTop } from './paths.js';

/**
 * Record the mode of a file once. In `auto`, a file that git tracks has no meaningful mode (git keeps only +x; the
 * deployment sets it); an untracked or ignored file in a work tree, any file of an etckeeper-managed tree (etckeeper
 * restores modes) and any file outside git have real modes.
 */
export function addMode(modes: Map<string, ModeFact>, abs: string, fileModes: 'auto' | 'check' | 'ignore' = 'auto'): void {
  if (modes.has(abs)) return;
  try {
    const mode = statSync(abs).mode & 0o7777;
    const checked = fileModes === 'check' || (fileModes === 'auto' && modeIsReal(abs));
    modes.set(abs, { mode, checked });
  } catch {
    /* unreadable: the read itself reports it */
  }
}

/** Whether a file's mode is what gets deployed (docs/lint.md, "Linting a repository"). */
export function modeIsReal(abs: string): boolean {
  const top = gitTop(abs);
  if (!top) return true;
  if (existsSync(join(top, '.etckeeper'))) return true;
  const tracked = trackedFiles(top);
  // Without git (or when it refuses the tree), every file of the work tree is taken for tracked, as before.
  if (!tracked) return false;
  return !tracked.has(relative(top, resolve(abs)));
}

const trackedCache = new Map<string, Set<string> | null>();

/** The paths git tracks in a work tree (relative to its top), or undefined when git cannot tell. */
function trackedFiles(top: string): Set<string> | undefined {
  let set = trackedCache.get(top);
  if (set === undefined) {
    const r = spawnSync('git', ['-C', top, 'ls-files', '-z'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    set = r.status === 0 ? new Set(r.stdout.split('\0').filter(Boolean)) : null;
    trackedCache.set(top, set);
  }
  return set ?? undefined;
}
