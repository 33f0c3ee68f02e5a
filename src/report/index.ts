/** @fileoverview Formatter registry: name → pure (Result, catalog, options) → string, and output-file extension → name. */
import { UsageError } from '../common/errors.js';
import type { Result } from '../model/types.js';
import type { FormatOptions } from './format-options.js';
import type { RuleCatalog } from '../model/types.js';


/** The output formats. */
export const FORMATS = ['text', 'json', 'sarif', 'html', 'markdown', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

type Formatter = (result: Result, catalog: RuleCatalog, opts: FormatOptions) => string;

const LOADERS: Record<FormatName, () => Promise<Formatter>> = {
  text: async () => (await import('./text.js')).formatText,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  html: async () => (await import('./html.js')).formatHtml,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  junit: async () => (await import('./junit.js')).formatJunit as Formatter,
};

const EXTENSIONS: Record<string, FormatName> = { '.json': 'json', '.sarif': 'sarif', '.html': 'html', '.htm': 'html', '.md': 'markdown', '.txt': 'text', '.xml': 'junit' };

/** The format an output file's extension asks for; UsageError for an unknown one. */
export function formatForFile(file: string): FormatName {
  const m = /\.[^./\\]+$/.exec(file.toLowerCase());
  const f = m ? EXTENSIONS[m[0]] : undefined;
  if (!f) throw new UsageError(`-o ${file}: cannot tell the format from the extension (use .json, .sarif, .html, .md, .txt or .xml for JUnit)`);
  return f;
}

/** Render a Result in pieces: JSON streams (see json.ts), every other format is one piece. */
export async function renderChunks(format: FormatName, result: Result, catalog: RuleCatalog, opts: FormatOptions = {}): Promise<Iterable<string>> {
  if (format === 'json') return batched((await import('./json.js')).jsonChunks(result));
  return [await render(format, result, catalog, opts)];
}

/** Pieces joined up to 64 KB: one write per batch rather than per finding (25,000 findings were 25,000 writes). */
function* batched(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const p of pieces) {
    parts.push(p);
    length += p.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

/** Render a Result in a format. */
export async function render(format: FormatName, result: Result, catalog: RuleCatalog, opts: FormatOptions = {}): Promise<string> {
  return (await LOADERS[format]())(result, catalog, opts);
}
