/** @fileoverview Where the CLI writes: the process's stdout and stderr, or the streams main() was given (tests run main() in-process this way). */

/** The streams of one run. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

let current: Io | undefined;

/** The streams of the running command. */
export function io(): Io {
  return current ?? { stdout: process.stdout, stderr: process.stderr };
}

/** Run f with these streams as the CLI's stdout and stderr. */
export async function withIo<T>(streams: Io | undefined, f: () => Promise<T>): Promise<T> {
  const before = current;
  current = streams ?? before;
  try {
    return await f();
  } finally {
    current = before;
  }
}
