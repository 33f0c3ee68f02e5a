/** @fileoverview Lint as the CLI does, for tests: configuration facts of each batch through the one audit pipeline. */
import { audit } from '../../src/audit/audit.js';
import { lintBatches, type LintInput } from '../../src/lint/load.js';
import type { Result, Rule } from '../../src/model/types.js';
import { DEFAULT_SETTINGS, type RuleSettings } from '../../src/rules/context.js';

/** Lint the inputs with the given rules (settings default as the CLI's). */
export function runLint(input: LintInput, rules: Rule[], settings: Partial<RuleSettings> = {}, version = '0.0.0'): Result {
  const batches = (function* () {
    for (const config of lintBatches(input)) yield { config };
  })();
  return audit('lint', batches, rules, { now: new Date(), ...DEFAULT_SETTINGS, ...settings }, { version, startedAt: new Date() });
}
