/** @fileoverview Write an output file whole or not at all: a temporary file beside it, then rename. */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../common/errors.js';
import { describeFsError } from '../../common/read-text.js';

/** Write text (or its pieces) to a file atomically; InputError (exit 2) when it cannot be written. */
export function writeFileAtomic(file: string, text: string | Iterable<string>): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (typeof text === 'string') writeFileSync(tmp, text, { mode: 0o644 });
    else {
      const fd = openSync(tmp, 'w', 0o644);
      try {
        for (const piece of text) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(file, `cannot write the output file: ${describeFsError(e)}`);
  }
}
