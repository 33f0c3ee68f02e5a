/** @fileoverview The mode of an input file, and whether it is meaningful (docs/lint.md, "Files the config names"). */
import { statSync } from 'node:fs';
import type { ModeFact } from '../model/config.js';
import { inGitWorkTree } from './paths.js';

/** Record the mode of a file once; in `auto`, a file in a git work tree has no meaningful mode (git keeps only +x). */
export function addMode(modes: Map<string, ModeFact>, abs: string, fileModes: 'auto' | 'check' | 'ignore' = 'auto'): void {
  if (modes.has(abs)) return;
  try {
    const mode = statSync(abs).mode & 0o7777;
    const checked = fileModes === 'check' || (fileModes === 'auto' && !inGitWorkTree(abs));
    modes.set(abs, { mode, checked });
  } catch {
    /* unreadable: the read itself reports it */
  }
}
