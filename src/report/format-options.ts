/** @fileoverview The options every formatter honours. */
import type { Rule } from '../model/types.js';

/** Options formatters honour. */
export interface FormatOptions {
  color?: boolean;
  includeSuppressed?: boolean;
  /** The rules that ran (SARIF lists them); the whole catalogue when absent. */
  rules?: Rule[];
  /** --fail-on: JUnit marks findings at or above it as failures. */
  failOn?: string;
}
