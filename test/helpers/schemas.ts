/** @fileoverview Validators for what mqtt-audit writes: the result schema and the official SARIF 2.1.0 schema (draft-04). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { resultValidator } from '../../src/report/validate.js';
import { ROOT } from './paths.js';

const Ajv04 = Ajv04Module as unknown as typeof import('ajv-draft-04').default;
const addFormats = addFormatsModule as unknown as (ajv: unknown) => unknown;
let sarif: ReturnType<InstanceType<typeof Ajv04>['compile']> | undefined;

/** Errors of a SARIF log against the shipped copy of the OASIS schema, or [] when valid. */
export function sarifErrors(log: unknown): string[] {
  if (!sarif) {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    sarif = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'reports', 'sarif-schema-2.1.0.json'), 'utf8')));
  }
  return sarif(log) ? [] : (sarif.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Errors of a result against reports/result.schema.json, or []. */
export function resultErrors(data: unknown): string[] {
  const v = resultValidator();
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
