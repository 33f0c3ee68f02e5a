/** @fileoverview --history DIR: every run's JSON kept under a dated name; the latest of the same command is the next baseline. */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../common/errors.js';
import { describeFsError } from '../common/read-text.js';
import type { Result } from '../model/types.js';

const NAME = /^mqtt-audit-(scan|lint|report)-(\d{8}T\d{6}(?:\d{3})?Z)\.json$/;

/** The file name a result is kept under: mqtt-audit-<command>-<UTC start, compact>.json (sorts by time). */
export function historyName(result: Result): string {
  return `mqtt-audit-${result.command}-${result.startedAt.replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z')}.json`;
}

/** Create the history folder when missing; InputError when it cannot be. */
export function ensureHistoryDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw new InputError(dir, `--history: ${describeFsError(e)}`);
  }
}

/** The newest kept result of a command in dir, or undefined. */
export function latestInHistory(dir: string, command: Result['command']): string | undefined {
  ensureHistoryDir(dir);
  const names = readdirSync(dir).filter((n) => NAME.exec(n)?.[1] === command).sort();
  return names.length ? join(dir, names[names.length - 1]) : undefined;
}
