/** @fileoverview JSON report: the Result itself (reports/result.schema.json). */
import type { Result } from '../model/types.js';

/** Render a Result as JSON. */
export function formatJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
