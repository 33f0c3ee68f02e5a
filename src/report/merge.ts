/** @fileoverview Merge results (shards of one scan, a scan and a lint) into one: targets, files and findings de-duplicated, counts recomputed. */
import type { Result } from '../model/types.js';
import { sortFindings } from '../common/findings.js';
import { compareTargets } from '../common/target-order.js';
import { summarize } from '../common/findings.js';

/**
 * Merge results. Findings are matched by fingerprint (the first wins), so shards of one scan merge into the findings
 * of the unsharded scan; baseline states of the inputs are dropped (a report applies its own --baseline).
 */
export function mergeResults(results: Result[], version: string): Result {
  const targets = new Map<string, Result['targets'][number]>();
  const files = new Map<string, Result['files'][number]>();
  const findings = new Map<string, Result['findings'][number]>();
  let probes: Result['probes'];
  for (const r of results) {
    for (const t of r.targets) {
      const k = `${t.host}|${t.port}`;
      if (!targets.has(k)) targets.set(k, t);
    }
    for (const f of r.files) if (!files.has(f.path)) files.set(f.path, f);
    for (const f of r.findings) {
      if (f.baselineState === 'absent' || findings.has(f.fingerprint)) continue;
      const { baselineState: _drop, ...rest } = f;
      findings.set(f.fingerprint, rest);
    }
    if (r.probes) {
      probes ??= { total: 0, open: 0, closed: 0, filtered: 0, notMqtt: 0, error: 0, brokers: 0 };
      for (const k of Object.keys(probes) as (keyof typeof probes)[]) probes[k] += r.probes[k];
    }
  }
  const list = sortFindings([...findings.values()]);
  return {
    tool: { name: 'mqtt-audit', version },
    command: 'report',
    startedAt: results.map((r) => r.startedAt).sort()[0],
    finishedAt: results.map((r) => r.finishedAt).sort().reverse()[0],
    targets: [...targets.values()].sort(compareTargets),
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    findings: list,
    ...(probes ? { probes } : {}),
    summary: summarize(list),
  };
}
