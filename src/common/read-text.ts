/** @fileoverview Read an input file as text, refusing what no mosquitto file can be: missing, binary, not UTF-8, huge. */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from './errors.js';

/** Larger inputs are refused: no real mosquitto, ACL or password file comes near it. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** Read a UTF-8 text file or throw an InputError that says why not. */
export function readText(path: string, display: string = path): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(display, 'is a directory, not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(display, describeFsError(e));
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(display, `file is too large (${(size / 1048576).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / 1048576} MiB)`);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(display, describeFsError(e));
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new InputError(display, 'is a binary file (it contains NUL bytes), not a text file', lineOf(buf, nul));
  try {
    // A byte-order mark is kept: mosquitto reads it as part of the first word, which linters must see.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    throw new InputError(display, 'is not valid UTF-8 text', firstBadUtf8Line(buf));
  }
}

/** A short reason for a failed fs call. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    default: return (e as Error)?.message ?? String(e);
  }
}

function lineOf(buf: Buffer, at: number): number {
  let n = 1;
  for (let i = 0; i < at; i++) if (buf[i] === 10) n++;
  return n;
}

function firstBadUtf8Line(buf: Buffer): number | undefined {
  let start = 0;
  let line = 1;
  const dec = new TextDecoder('utf-8', { fatal: true });
  while (start <= buf.length) {
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    try {
      dec.decode(buf.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line++;
  }
  return undefined;
}
