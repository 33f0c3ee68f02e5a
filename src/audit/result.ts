/** @fileoverview Assemble the JSON result contract from findings, files and targets. */
import type { FileEntry, Finding, Result, Severity, TargetResult } from '../model/types.js';

/** Count unsuppressed findings that are not absent, by severity. */
export function summarize(findings: Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (!f.suppressed && f.baselineState !== 'absent') s[f.severity]++;
  return s;
}

/** Build a Result. */
export function buildResult(p: { command: Result['command']; version: string; startedAt: Date; files: FileEntry[]; findings: Finding[]; targets: TargetResult[] }): Result {
  return {
    tool: { name: 'mqtt-audit', version: p.version },
    command: p.command,
    startedAt: p.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    targets: p.targets,
    files: p.files,
    findings: p.findings,
    summary: summarize(p.findings),
  };
}
