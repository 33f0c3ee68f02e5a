/** @fileoverview Markdown report: summary, findings table and how to fix each rule that fired (for PR comments and wikis). */
import type { ControlStatus, Result, Severity } from '../model/types.js';
import { complianceCounts, controlsInOrder, findingsByPrint } from './compliance-view.js';
import type { RuleCatalog } from '../model/types.js';
import { escapeMarkdownCell, sanitizeText } from './escape.js';
import { helpUri } from './sarif.js';
import { summaryLine } from './text.js';

const BADGE: Record<ControlStatus, string> = { fail: '❌ fail', pass: '✅ pass', 'not-assessed': '➖ not assessed', manual: '📝 manual' };

/** A section per framework: counts, then every control with its status and the findings that failed it. */
function complianceMarkdown(result: Result): string[] {
  const out: string[] = [];
  const byPrint = findingsByPrint(result);
  for (const cv of result.compliance ?? []) {
    out.push(`## Compliance: ${escapeMarkdownCell(cv.framework.title)} — ${escapeMarkdownCell(cv.framework.version)}`, '', `\`${cv.framework.id}\`: ${complianceCounts(cv)}. A status is decided by the rules alone; the last column is what to check by hand.`, '');
    out.push('| Control | Requirement | Status | Findings | Check by hand |', '| --- | --- | --- | --- | --- |');
    for (const ctl of controlsInOrder(cv)) {
      const found = ctl.findings.map((p) => byPrint.get(p)).filter((f) => f !== undefined).map((f) => {
        const where = f.location ? `${f.location.path}:${f.location.line}` : f.target ? `${f.target.host}:${f.target.port}` : '';
        return `[${f.ruleId}](${helpUri(f.ruleId)}) ${escapeMarkdownCell(where)}`;
      });
      const parts = ctl.parts?.length ? ` (${ctl.parts.map((x) => `${x.command}: ${x.status}`).join(', ')})` : '';
      out.push(`| ${escapeMarkdownCell(ctl.id)} | **${escapeMarkdownCell(ctl.title)}**${ctl.requirement ? ` ${escapeMarkdownCell(ctl.requirement)}` : ''} | ${BADGE[ctl.status]}${escapeMarkdownCell(parts)} | ${found.join(', ')} | ${escapeMarkdownCell(ctl.manual ?? '')} |`);
    }
    out.push('');
  }
  return out;
}

/** Render a Result as Markdown. */
export function formatMarkdown(result: Result, catalog: RuleCatalog): string {
  const out: string[] = [`# ${result.command === 'report' ? 'mqtt-audit report' : `mqtt-audit ${result.command} report`}`, '', `${summaryLine(result)}`, ''];
  out.push('| Severity | Count |', '| --- | ---: |');
  for (const s of ['critical', 'high', 'medium', 'low', 'info'] as Severity[]) out.push(`| ${s} | ${result.summary[s]} |`);
  out.push('');
  out.push(...complianceMarkdown(result));
  if (result.findings.length === 0) {
    out.push('No findings.', '');
    return out.join('\n');
  }
  out.push('## Findings', '', '| Severity | Rule | Where | Message | State |', '| --- | --- | --- | --- | --- |');
  for (const f of result.findings) {
    const where = f.location ? `${f.location.path}:${f.location.line}` : f.target ? `${f.target.host}:${f.target.port}` : '';
    const state = [f.suppressed ? `suppressed: ${f.suppressed.reason}` : '', f.baselineState === 'absent' ? 'fixed' : f.baselineState ?? ''].filter(Boolean).join('; ');
    out.push(`| ${f.severity} | [${f.ruleId}](${helpUri(f.ruleId)}) | ${escapeMarkdownCell(where)} | ${escapeMarkdownCell(f.message)} | ${escapeMarkdownCell(state)} |`);
  }
  out.push('', '## How to fix', '');
  const fired = [...new Set(result.findings.filter((f) => !f.suppressed && f.baselineState !== 'absent').map((f) => f.ruleId))].sort();
  for (const id of fired) {
    const r = catalog.get(id);
    if (!r) continue;
    out.push(`### ${id}`, '', `**${sanitizeText(r.title)}** (${r.severity}). ${sanitizeText(r.checks)}`, '', `Fix: ${sanitizeText(r.fix)}`, '');
  }
  return out.join('\n');
}
