/** @fileoverview Read rules/**\/*.yaml (and --rules packs), validate each against rules/rule.schema.json, index by id. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvType, ErrorObject, ValidateFunction } from 'ajv';
import { RulePackError } from '../common/errors.js';
import { PACKAGE_ROOT } from '../common/package.js';
import type { Rule, RuleCatalog as Catalog } from '../model/types.js';

/** The built-in rule catalogue. */
export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');

// NOTE: ajv and yaml load only when rule files are read (a pack, or a catalogue newer than dist/catalog.json):
// most runs start from the compiled catalogue and never pay for them (docs/BENCHMARKS.md).
const lazyRequire = createRequire(import.meta.url);
let validator: ValidateFunction | undefined;

/** The compiled rule schema (compiled once). */
export function ruleValidator(): ValidateFunction {
  if (!validator) {
    const { Ajv } = lazyRequire('ajv') as { Ajv: new (o: object) => AjvType };
    const addFormats = lazyRequire('ajv-formats') as ((ajv: AjvType) => AjvType) & { default?: (ajv: AjvType) => AjvType };
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    (addFormats.default ?? addFormats)(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(join(BUILTIN_RULES_DIR, 'rule.schema.json'), 'utf8')));
  }
  return validator;
}

/** A set of rules indexed by id, in id order. */
export class RuleCatalog implements Catalog {
  readonly byId = new Map<string, Rule>();
  constructor(rules: Rule[]) {
    for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) this.byId.set(r.id, r);
  }
  get rules(): Rule[] {
    return [...this.byId.values()];
  }
  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }
}

/** Load the built-in catalogue plus rule packs; throws RulePackError naming file:line and the failing path. */
export function loadCatalog(packs: string[] = [], knownChecks?: Set<string>): RuleCatalog {
  const rules = builtinRules();
  if (knownChecks) {
    for (const r of rules) {
      if (r.check === 'code' && !knownChecks.has(r.id)) throw new RulePackError(`${r.source.path}: rule ${r.id} says check: code but src/rules/checks has no check for it`);
    }
  }
  const ids = new Set(rules.map((r) => r.id));
  for (const dir of packs) {
    const abs = resolve(dir);
    try {
      if (!statSync(abs).isDirectory()) throw new RulePackError(`${dir}: --rules needs a directory of rule files`);
    } catch (e) {
      if (e instanceof RulePackError) throw e;
      throw new RulePackError(`${dir}: --rules directory not found`);
    }
    const pack = loadDir(abs, false);
    if (pack.length === 0) throw new RulePackError(`${dir}: no rule files (*.yaml, *.yml, *.json) in the rule pack`);
    for (const r of pack) {
      if (ids.has(r.id)) throw new RulePackError(`${r.source.path}: rule id ${r.id} is already defined`);
      ids.add(r.id);
      rules.push(r);
    }
  }
  return new RuleCatalog(rules);
}

/** Where `npm run build` puts the validated built-in catalogue. */
export const COMPILED_CATALOG = join(PACKAGE_ROOT, 'dist', 'catalog.json');

/** The built-in rules: from dist/catalog.json while it matches rules/ file for file (name, size, mtime), else from the YAML. */
export function builtinRules(): Rule[] {
  const files = listRuleFiles(BUILTIN_RULES_DIR);
  try {
    const c = JSON.parse(readFileSync(COMPILED_CATALOG, 'utf8')) as { files: { name: string; size: number; mtimeMs: number }[]; rules: Rule[] };
    const fresh = c.files.length === files.length && c.files.every((f, i) => {
      const st = statSync(files[i]);
      return f.name === relative(BUILTIN_RULES_DIR, files[i]) && f.size === st.size && f.mtimeMs === st.mtimeMs;
    });
    if (fresh) return c.rules;
  } catch {
    /* no compiled catalogue: read the YAML */
  }
  return loadDir(BUILTIN_RULES_DIR, true);
}

/** The compiled catalogue's content: the rule files' names, sizes and times, and the validated rules. */
export function compileCatalog(): string {
  const files = listRuleFiles(BUILTIN_RULES_DIR);
  return JSON.stringify({
    files: files.map((f) => {
      const st = statSync(f);
      return { name: relative(BUILTIN_RULES_DIR, f), size: st.size, mtimeMs: st.mtimeMs };
    }),
    rules: loadDir(BUILTIN_RULES_DIR, true),
  });
}

function listRuleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    // rules/data holds data files rules read (vulnerable versions), rules/frameworks compliance mappings: not rules.
    if (e.isDirectory()) {
      if (!(dir === BUILTIN_RULES_DIR && (e.name === 'data' || e.name === 'frameworks'))) out.push(...listRuleFiles(p));
    }
    else if (/\.(ya?ml|json)$/.test(e.name) && e.name !== 'rule.schema.json') out.push(p);
  }
  return out.sort();
}

function loadDir(dir: string, builtin: boolean): Rule[] {
  return listRuleFiles(dir).map((file) => loadRuleFile(file, dir, builtin));
}

/** Parse and validate one rule file. */
export function loadRuleFile(file: string, base: string, builtin: boolean): Rule {
  const shown = relative(process.cwd(), file).split(sep).join('/') || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RulePackError(`${shown}: cannot read the rule file`);
  }
  const { parseDocument, LineCounter } = lazyRequire('yaml') as typeof import('yaml');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = lc.linePos(e.pos[0]).line;
    throw new RulePackError(`${shown}:${line}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  // A pack that asks to run code is refused for that reason, before the schema says what else it lacks.
  if (!builtin && (data as { check?: unknown } | null)?.check === 'code') {
    throw new RulePackError(`${shown}: rule ${String((data as { id?: unknown }).id)}: a rule pack must be declarative (subject + when); check: code is for built-in rules`);
  }
  const validate = ruleValidator();
  if (!validate(data)) {
    const err = bestError(validate.errors ?? []);
    const path = err.instancePath.split('/').filter(Boolean);
    const node = path.length ? doc.getIn(path, true) : doc.contents;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const line = range ? lc.linePos(range[0]).line : 1;
    throw new RulePackError(`${shown}:${line}: invalid rule: ${err.instancePath || '(top level)'} ${describe(err)}`);
  }
  const rule = data as Omit<Rule, 'source'>;
  if (builtin) {
    const expected = relative(base, file).replace(/\.(ya?ml|json)$/, '').split(sep).join('.');
    if (rule.id !== expected) throw new RulePackError(`${shown}:1: rule id ${rule.id} does not match its path (expected ${expected})`);
  }
  if (rule.when) {
    for (const re of regexesOf(rule.when)) {
      try {
        new RegExp(re);
      } catch {
        throw new RulePackError(`${shown}: invalid regular expression ${re}`);
      }
    }
  }
  return { ...rule, source: { path: shown, builtin } };
}

function regexesOf(c: Rule['when']): string[] {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap(regexesOf);
  if ('any' in c) return c.any.flatMap(regexesOf);
  if ('not' in c) return regexesOf(c.not);
  return c.matches !== undefined ? [c.matches] : [];
}

function bestError(errors: ErrorObject[]): ErrorObject {
  // oneOf failures hide the useful error below them: prefer the deepest specific one.
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'not' && e.keyword !== 'anyOf');
  const pool = specific.length ? specific : errors;
  return [...pool].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `has unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (e.keyword === 'required') return `needs property "${(e.params as { missingProperty: string }).missingProperty}"`;
  return e.message ?? e.keyword;
}
