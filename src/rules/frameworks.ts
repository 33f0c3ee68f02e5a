/** @fileoverview rules/frameworks/*.yaml: compliance frameworks as data, validated against framework.schema.json (docs/compliance.md). */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UsageError } from '../common/errors.js';
import { PACKAGE_ROOT } from '../common/package.js';
import type { Framework } from '../model/types.js';

/** Where the built-in frameworks live. */
export const FRAMEWORKS_DIR = join(PACKAGE_ROOT, 'rules', 'frameworks');

const lazyRequire = createRequire(import.meta.url);
let cache: Framework[] | undefined;

/** Every built-in framework, validated, in id order. Throws (a bug in the package, caught by tests) when one is invalid. */
export function loadFrameworks(): Framework[] {
  if (cache) return cache;
  const { Ajv } = lazyRequire('ajv') as { Ajv: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] } } };
  const addFormats = lazyRequire('ajv-formats') as ((a: unknown) => unknown) & { default?: (a: unknown) => unknown };
  const { parse } = lazyRequire('yaml') as typeof import('yaml');
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  (addFormats.default ?? addFormats)(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(FRAMEWORKS_DIR, 'framework.schema.json'), 'utf8')) as object);
  const out: Framework[] = [];
  for (const name of readdirSync(FRAMEWORKS_DIR).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const data = parse(readFileSync(join(FRAMEWORKS_DIR, name), 'utf8')) as Framework;
    if (!validate(data)) {
      const e = validate.errors?.[0];
      throw new Error(`rules/frameworks/${name}: invalid framework: ${e?.instancePath || '/'} ${e?.message ?? ''}`);
    }
    out.push(data);
  }
  cache = out.sort((a, b) => (a.id < b.id ? -1 : 1));
  return cache;
}

/** The frameworks --compliance names, in the order given; an unknown id is a usage error naming the known ones. */
export function frameworksById(ids: string[]): Framework[] {
  const all = loadFrameworks();
  return [...new Set(ids)].map((id) => {
    const f = all.find((x) => x.id === id);
    if (!f) throw new UsageError(`unknown framework "${id}" (known: ${all.map((x) => x.id).join(', ')})`);
    return f;
  });
}

/** For each rule id, the framework controls it evidences (`etsi-en-303-645 5.1-1`), for `mqtt-audit rules` and docs/rules.md. */
export function controlsByRule(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of loadFrameworks()) {
    for (const c of f.controls) for (const r of c.rules ?? []) out.set(r, [...(out.get(r) ?? []), `${f.id} ${c.id}`]);
  }
  return out;
}
