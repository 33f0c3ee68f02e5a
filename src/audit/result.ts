/** @fileoverview Assemble the JSON result contract from findings, files and targets. */
import { summarize } from '../common/findings.js';
import type { FileEntry } from '../model/config.js';
import type { Finding, Result, TargetResult } from '../model/types.js';

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
