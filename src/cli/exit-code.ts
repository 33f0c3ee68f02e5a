/** @fileoverview The one owner of exit codes 0 and 1: a pure function of the Result and --fail-on (2 belongs to AuditError). */
import type { Result, Severity } from '../model/types.js';
import { SEVERITY_ORDER } from '../common/findings.js';

/** The --fail-on levels. */
export type FailOn = Severity | 'none';

/** 1 when an unsuppressed finding at or above failOn exists (with a baseline: a new one), else 0. Absent findings never fail. */
export function exitCode(result: Result, failOn: FailOn, withBaseline = false): 0 | 1 {
  if (failOn === 'none') return 0;
  const limit = SEVERITY_ORDER.indexOf(failOn);
  const failing = result.findings.some(
    (f) => !f.suppressed && f.baselineState !== 'absent' && (!withBaseline || f.baselineState === 'new') && SEVERITY_ORDER.indexOf(f.severity) <= limit,
  );
  return failing ? 1 : 0;
}
