/** @fileoverview What every report format shows of the compliance view: counts per framework, the controls in an auditor's order. */
import type { ComplianceResult, ControlStatus, Result } from '../model/types.js';

/** Failing controls first, then not assessed, manual, passed; the framework's own order within each. */
export const STATUS_ORDER: ControlStatus[] = ['fail', 'not-assessed', 'manual', 'pass'];

/** `3 fail, 5 pass, 4 not assessed, 2 manual` */
export function complianceCounts(c: ComplianceResult): string {
  return (['fail', 'pass', 'not-assessed', 'manual'] as ControlStatus[]).map((s) => `${c.summary[s]} ${s.replace('-', ' ')}`).join(', ');
}

/** A framework's controls sorted for a report. */
export function controlsInOrder(c: ComplianceResult): ComplianceResult['controls'] {
  return [...c.controls].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
}

/** The findings of a result by fingerprint, for linking a control to what failed it. */
export function findingsByPrint(result: Result): Map<string, Result['findings'][number]> {
  return new Map(result.findings.map((f) => [f.fingerprint, f]));
}
