/** @fileoverview Expected failures: each becomes one `mqtt-audit: error: …` line and exit code 2. */

/** Base class of every failure that is the user's input, not a bug. */
export class AuditError extends Error {
  readonly exitCode = 2;
}

/** A bad option or argument. */
export class UsageError extends AuditError {}

/** An input file that cannot be read or used; names the file and, where there is one, the line. */
export class InputError extends AuditError {
  constructor(
    readonly path: string,
    what: string,
    readonly line?: number,
  ) {
    super(`${line ? `${path}:${line}` : path}: ${what}`);
  }
}

/** A rule pack (or a built-in rule) that does not validate. */
export class RulePackError extends AuditError {}
