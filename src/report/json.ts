/** @fileoverview JSON report: the Result itself (reports/result.schema.json), rendered in pieces so a large one is never one huge string. */
import type { Result } from '../model/types.js';

/**
 * The JSON of a Result in pieces, exactly JSON.stringify(result, null, 2): each top-level value, and each element of
 * its arrays, is stringified on its own. Writing the pieces as they come keeps a 25,000-finding result (~15 MB of
 * JSON) from ever being one string, or one buffer, in memory.
 */
export function* jsonChunks(result: Result): Generator<string> {
  const entries = Object.entries(result);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(v) && v.length > 0) {
      yield `  ${JSON.stringify(k)}: [\n`;
      for (let j = 0; j < v.length; j++) yield `    ${JSON.stringify(v[j], null, 2).replace(/\n/g, '\n    ')}${j < v.length - 1 ? ',' : ''}\n`;
      yield `  ]${comma}\n`;
    } else yield `  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}${comma}\n`;
  }
  yield '}\n';
}

/** Render a Result as JSON. */
export function formatJson(result: Result): string {
  return [...jsonChunks(result)].join('');
}
