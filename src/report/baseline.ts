/** @fileoverview --baseline: mark findings new or unchanged against an earlier JSON or SARIF result; keep vanished ones as absent. */
import type { Finding, Result, Severity } from '../model/types.js';
import { sortFindings } from '../common/findings.js';
import { summarize } from '../common/findings.js';

/** The fingerprinted findings of an earlier run, as read from its JSON or SARIF. */
export interface Baseline {
  findings: Finding[];
  /** When the baseline run started (ISO), when known. */
  startedAt?: string;
}

const LEVEL_TO_SEVERITY: Record<string, Severity> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };

/** Read a baseline from parsed JSON: an mqtt-audit result or a SARIF log it wrote. Returns an error text when it is neither. */
export function readBaseline(data: unknown): Baseline | string {
  const o = data as Record<string, unknown>;
  if (o && typeof o === 'object' && Array.isArray(o.findings) && (o.tool as { name?: string })?.name === 'mqtt-audit') {
    return { findings: (o.findings as Finding[]).filter((f) => f.baselineState !== 'absent'), ...(typeof o.startedAt === 'string' ? { startedAt: o.startedAt } : {}) };
  }
  if (o && typeof o === 'object' && o.version === '2.1.0' && Array.isArray(o.runs)) {
    const findings: Finding[] = [];
    for (const run of o.runs as { results?: unknown[] }[]) {
      for (const r of (run.results ?? []) as Record<string, any>[]) {
        const fp = r.partialFingerprints?.['mqttAudit/v1'];
        if (typeof fp !== 'string') continue;
        const phys = r.locations?.[0]?.physicalLocation;
        const sev = (r.properties?.severity as Severity | undefined) ?? LEVEL_TO_SEVERITY[r.level ?? 'warning'] ?? 'medium';
        findings.push({
          ruleId: String(r.ruleId),
          severity: sev,
          title: String(r.properties?.title ?? r.ruleId),
          message: String(r.message?.text ?? ''),
          ...(r.properties?.target ? { target: r.properties.target } : phys?.artifactLocation?.uri ? { location: { path: String(phys.artifactLocation.uri), line: Number(phys.region?.startLine ?? 1) } } : {}),
          fingerprint: fp,
        });
      }
    }
    const started = (o.runs as { invocations?: { startTimeUtc?: string }[] }[])[0]?.invocations?.[0]?.startTimeUtc;
    return { findings, ...(started ? { startedAt: started } : {}) };
  }
  return 'not an mqtt-audit JSON result or SARIF log';
}

/** Set baselineState on every finding and append the baseline's vanished findings as absent. */
export function applyBaseline(result: Result, baseline: Baseline): Result {
  const before = new Set(baseline.findings.map((f) => f.fingerprint));
  const now = new Set(result.findings.map((f) => f.fingerprint));
  for (const f of result.findings) f.baselineState = before.has(f.fingerprint) ? 'unchanged' : 'new';
  const absent = baseline.findings.filter((f) => !now.has(f.fingerprint)).map((f) => ({ ...f, baselineState: 'absent' as const }));
  const findings = sortFindings([...result.findings, ...absent]);
  return { ...result, findings, summary: summarize(findings) };
}
