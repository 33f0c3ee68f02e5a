/** @fileoverview Validate a Result against reports/result.schema.json (the JSON contract). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { PACKAGE_ROOT } from '../common/package.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
let validate: ValidateFunction | undefined;

/** The compiled result schema. */
export function resultValidator(): ValidateFunction {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'reports', 'result.schema.json'), 'utf8')));
  }
  return validate;
}

/** undefined when valid, else a short description of the first problems. */
export function validateResult(data: unknown): string | undefined {
  const v = resultValidator();
  if (v(data)) return undefined;
  return (v.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}
