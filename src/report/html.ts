/** @fileoverview HTML report: one self-contained page from reports/html/report.html, every slot escaped, a CSP in the template. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result, Severity } from '../model/types.js';
import { PACKAGE_ROOT } from '../rules/load.js';
import { escapeHtml } from './escape.js';
import { summaryLine } from './text.js';

let template: string | undefined;

/** Render a Result as a self-contained HTML page. */
export function formatHtml(result: Result): string {
  template ??= readFileSync(join(PACKAGE_ROOT, 'reports', 'html', 'report.html'), 'utf8');
  const rows = result.findings.map((f) => {
    const where = f.location ? `${f.location.path}:${f.location.line}` : f.target ? `${f.target.host}:${f.target.port}` : '';
    const state = [f.suppressed ? `suppressed: ${f.suppressed.reason}` : '', f.baselineState === 'absent' ? 'fixed' : f.baselineState ?? ''].filter(Boolean).join('; ');
    return `<tr><td class="sev ${f.severity}">${f.severity}</td><td><code>${escapeHtml(f.ruleId)}</code></td><td><code>${escapeHtml(where)}</code></td><td>${escapeHtml(f.message)}</td><td>${escapeHtml(state)}</td></tr>`;
  });
  const summary = (['critical', 'high', 'medium', 'low', 'info'] as Severity[]).map((s) => `<tr><td class="sev ${s}">${s}</td><td>${result.summary[s]}</td></tr>`).join('');
  const slots: Record<string, string> = {
    title: escapeHtml(`mqtt-audit ${result.command} report`),
    meta: escapeHtml(`${summaryLine(result)} · ${result.finishedAt} · mqtt-audit ${result.tool.version}`),
    summary,
    rows: rows.length ? rows.join('\n') : '<tr><td colspan="5">No findings.</td></tr>',
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => slots[k] ?? '');
}
