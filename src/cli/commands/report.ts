/** @fileoverview `mqtt-audit report <results.json...>`: validate, merge, re-render, e-mail; the same exit codes as the run itself. */
import { InputError, UsageError } from '../../common/errors.js';
import { readText } from '../../common/read-text.js';
import type { Result } from '../../model/types.js';
import { mergeResults } from '../../report/merge.js';
import { mergeCompliance } from '../../audit/compliance.js';
import { frameworksById, loadFrameworks } from '../../rules/frameworks.js';
import { summarize } from '../../common/findings.js';
import { validateResult } from '../../report/validate.js';
import { CHECKS } from '../../rules/checks/index.js';
import { loadCatalog } from '../../rules/load.js';
import { finish, prepare, selectRules, type CommonOptions } from '../output.js';

/** Read and validate one earlier JSON result. */
export function readResult(file: string): Result {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof SyntaxError) throw new InputError(file, `not valid JSON (${e.message})`);
    throw e;
  }
  const problem = validateResult(data);
  if (problem) throw new InputError(file, `not an mqtt-audit JSON result: ${problem}`);
  return data as Result;
}

/** Run the report command. */
export async function reportCommand(files: string[], opts: CommonOptions, version: string): Promise<number> {
  if (files.length === 0) throw new UsageError('report needs at least one results .json file');
  const prepared = prepare(opts);
  const catalog = loadCatalog(opts.rules ?? [], new Set(Object.keys(CHECKS)));
  const rules = selectRules(catalog, opts.enable, opts.disable);
  const keep = new Set(rules.map((r) => r.id));
  const inputs = files.map(readResult);
  const merged = mergeResults(inputs, version);
  // The frameworks asked for, and those the inputs were assessed against (known ones): recomputed over the merge.
  // --enable/--disable choose which findings of the inputs are reported; unknown (pack) rule ids are kept.
  const findings = merged.findings.filter((f) => keep.has(f.ruleId) || !catalog.get(f.ruleId));
  const known = new Set(loadFrameworks().map((f) => f.id));
  const fromInputs = inputs.flatMap((r) => r.compliance?.map((c) => c.framework.id) ?? []).filter((id) => known.has(id));
  const frameworks = [...prepared.frameworks, ...frameworksById(fromInputs).filter((f) => !prepared.frameworks.some((p) => p.id === f.id))];
  const result = { ...merged, findings, summary: summarize(findings), ...(frameworks.length ? { compliance: mergeCompliance(frameworks, inputs) } : {}) };
  return finish(result, catalog, rules, opts, prepared);
}
