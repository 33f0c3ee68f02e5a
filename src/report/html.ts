/** @fileoverview HTML report: one self-contained page from reports/html/ (template, CSS, JS inlined); every slot escaped; a CSP with hashes. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Result, Severity } from '../model/types.js';
import { urlHost } from '../common/ip.js';
import { PACKAGE_ROOT } from '../common/package.js';
import type { RuleCatalog } from '../model/types.js';
import { escapeHtml as e } from './escape.js';
import { helpUri } from './sarif.js';
import { summaryLine } from './text.js';
import { complianceCounts, controlsInOrder } from './compliance-view.js';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const COLORS: Record<Severity, string> = { critical: '#8250df', high: '#cf222e', medium: '#9a6700', low: '#0969da', info: '#57606a' };

let assets: { template: string; style: string; script: string } | undefined;
function load() {
  const dir = join(PACKAGE_ROOT, 'reports', 'html');
  assets ??= { template: readFileSync(join(dir, 'report.html'), 'utf8'), style: readFileSync(join(dir, 'report.css'), 'utf8'), script: readFileSync(join(dir, 'report.js'), 'utf8') };
  return assets;
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** Where a finding is, as one string: the target, or file:line. */
export function whereOf(f: Finding): string {
  if (f.target) return `${urlHost(f.target.host)}:${f.target.port}`;
  return f.location ? `${f.location.path}:${f.location.line}` : '';
}
const groupOf = (f: Finding) => (f.target ? whereOf(f) : f.location?.path ?? '');

function badges(f: Finding): string {
  const b: string[] = [];
  if (f.baselineState === 'new') b.push('<span class="badge new">new</span>');
  if (f.baselineState === 'unchanged') b.push('<span class="badge unchanged">unchanged</span>');
  if (f.baselineState === 'absent') b.push('<span class="badge fixed">fixed</span>');
  if (f.suppressed) b.push(`<span class="badge suppressed" title="${e(f.suppressed.reason)}">suppressed</span> ${e(f.suppressed.reason)}`);
  return b.join(' ');
}

function chart(result: Result): string {
  const max = Math.max(1, ...SEVERITIES.map((s) => result.summary[s]));
  const bars = SEVERITIES.map((s, i) => {
    const w = Math.round((result.summary[s] / max) * 180);
    const y = 8 + i * 26;
    return `<text x="0" y="${y + 14}" font-size="12" fill="#57606a">${s}</text><rect x="62" y="${y}" width="${w}" height="18" rx="3" fill="${COLORS[s]}"></rect><text x="${66 + w}" y="${y + 14}" font-size="12" fill="#1b1f24">${result.summary[s]}</text>`;
  });
  return `<svg viewBox="0 0 280 140" role="img" aria-label="${e(SEVERITIES.map((s) => `${result.summary[s]} ${s}`).join(', '))}">${bars.join('')}</svg>`;
}

function kv(pairs: [string, unknown][]): string {
  const rows = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(String(v))}</dd>`);
  return rows.length ? `<dl class="kv">${rows.join('')}</dl>` : '';
}

function targetsSection(result: Result): string {
  if (result.targets.length === 0) return '';
  const items = result.targets.map((t) => {
    const m = (t.mqtt ?? {}) as Record<string, any>;
    const tls = (t.tls ?? {}) as Record<string, any>;
    const cert = (tls.cert ?? {}) as Record<string, any>;
    const listen = (m.listen ?? {}) as Record<string, any>;
    const topics = (listen.topics ?? []) as { topic: string; count: number; bytes: number; retained: boolean; sample?: string }[];
    const name = `${urlHost(t.host)}:${t.port}`;
    return `<details class="details"${t.mqtt || t.state !== 'open' ? '' : ''}><summary>${e(name)} · ${e(t.transport)} · ${e(t.state)}${m.brokerVersion ? ` · ${e(String(m.brokerVersion))}` : ''}</summary>
${kv([['state', t.state], ['reason', t.reason], ['name', (t as unknown as Record<string, unknown>).name], ['MQTT version', m.protocolVersion === 5 ? '5' : m.protocolVersion ? '3.1.1' : undefined], ['anonymous CONNECT', m.anonymousResult], ['broker version', m.brokerVersion], ['session', m.session ? (m.session.username ? `user ${m.session.username}` : m.session.identity) : undefined], ['messages received', listen.messages], ['$SYS messages', listen.sysMessages]])}
${tls.protocol || tls.clientCertRequired !== undefined ? `<h3>TLS</h3>${kv([['protocol', tls.protocol], ['cipher', tls.cipher], ['subject', cert.subject], ['issuer', cert.issuer], ['not after', cert.notAfter], ['days left', cert.daysLeft], ['trusted', tls.trusted === undefined ? undefined : tls.trusted ? 'yes' : `no (${tls.trustError})`], ['name check', tls.hostnameOk === undefined ? undefined : tls.hostnameOk ? `covers ${tls.checkedName}` : `does not cover ${tls.checkedName}`], ['client certificate', tls.clientCertRequired === undefined ? undefined : tls.clientCertRequired ? 'required' : 'not required'], ['TLS 1.0 / 1.1', tls.legacy ? `${tls.legacy.TLSv1 === null ? 'unknown' : tls.legacy.TLSv1 ? 'accepted' : 'refused'} / ${tls.legacy['TLSv1.1'] === null ? 'unknown' : tls.legacy['TLSv1.1'] ? 'accepted' : 'refused'}` : undefined]])}` : ''}
${topics.length ? `<h3>Topics seen (${topics.length}${listen.topicsTruncated ? '+' : ''})</h3><ul class="topics">${topics.slice(0, 200).map((x) => `<li><code>${e(x.topic)}</code> <span class="muted">×${x.count}, ${x.bytes} B${x.retained ? ', retained' : ''}</span>${x.sample !== undefined ? `<pre>${e(x.sample)}</pre>` : ''}</li>`).join('')}</ul>` : ''}
</details>`;
  });
  return `<section aria-labelledby="targets-h"><h2 id="targets-h">Targets</h2>${items.join('\n')}</section>`;
}

function filesSection(result: Result): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) if (f.location && !f.target) byFile.set(f.location.path, [...(byFile.get(f.location.path) ?? []), f]);
  if (byFile.size === 0 && result.files.length === 0) return '';
  const items = [...byFile].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([path, list]) => {
    const lines = [...list].sort((a, b) => a.location!.line - b.location!.line).map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> line ${f.location!.line}: ${e(f.message)} <code>${e(f.ruleId)}</code> ${badges(f)}${f.location!.snippet !== undefined ? `<pre>${f.location!.line} | ${e(f.location!.snippet)}</pre>` : ''}</li>`);
    return `<details class="details" open><summary>${e(path)} · ${list.length} finding${list.length === 1 ? '' : 's'}</summary><ul>${lines.join('')}</ul></details>`;
  });
  const clean = result.files.filter((f) => !byFile.has(f.path)).map((f) => `<li><code>${e(f.path)}</code> <span class="muted">(${e(f.kind)})</span></li>`);
  return `<section aria-labelledby="files-h"><h2 id="files-h">Files</h2>${items.join('\n')}${clean.length ? `<h3>Without findings</h3><ul>${clean.join('')}</ul>` : ''}</section>`;
}

function rulesSection(result: Result, catalog: RuleCatalog): string {
  const ids = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  if (ids.length === 0) return '';
  const items = ids.map((id) => {
    const r = catalog.get(id);
    if (!r) return `<details class="details"><summary><code>${e(id)}</code></summary></details>`;
    return `<details class="details"><summary><span class="sev ${r.severity}">${r.severity}</span> <code>${e(id)}</code> — ${e(r.title)}</summary><p>${e(r.checks)}</p><p><b>How to fix:</b> ${e(r.fix)}</p><p><a href="${e(helpUri(id))}" rel="noreferrer">Rule documentation</a></p></details>`;
  });
  return `<section aria-labelledby="rules-h"><h2 id="rules-h">How to fix</h2>${items.join('\n')}</section>`;
}

/** A section per framework asked with --compliance: counts, then each control with a status badge and links to its findings. */
function complianceSection(result: Result): string {
  return (result.compliance ?? [])
    .map((cv) => {
      const id = `c-${cv.framework.id}`;
      const rows = controlsInOrder(cv).map((ctl) => {
        const links = ctl.findings.map((p) => {
          const f = result.findings.find((x) => x.fingerprint === p);
          return f ? `<a href="#f-${e(p.replace(/:/g, '-'))}"><code>${e(f.ruleId)}</code> ${e(whereOf(f))}</a>` : '';
        });
        const parts = ctl.parts?.length ? `<br><span class="muted">${e(ctl.parts.map((x) => `${x.command}: ${x.status.replace('-', ' ')}`).join(' · '))}</span>` : '';
        const req = ctl.requirement ? `<br><span class="muted">${e(ctl.requirement)}</span>` : '';
        const manual = ctl.manual ? `<details><summary>check by hand</summary>${e(ctl.manual)}</details>` : '';
        return `<tr data-status="${ctl.status}"><td data-label="Control"><code>${e(ctl.id)}</code></td><td data-label="Requirement">${e(ctl.title)}${req}</td><td data-label="Status"><span class="ctl ${ctl.status}">${e(ctl.status.replace('-', ' '))}</span>${parts}</td><td data-label="Findings">${links.join('<br>')}${manual}</td></tr>`;
      });
      return `<section aria-labelledby="${e(id)}"><h2 id="${e(id)}">Compliance: ${e(cv.framework.title)} <span class="muted">${e(cv.framework.version)}</span></h2><p class="muted"><code>${e(cv.framework.id)}</code>: ${e(complianceCounts(cv))}. A status is decided by the rules alone; open “check by hand” for what they cannot see.</p><table class="compliance"><thead><tr><th scope="col">Control</th><th scope="col">Requirement</th><th scope="col">Status</th><th scope="col">Findings</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></section>`;
    })
    .join('\n');
}

/** Render a Result as a self-contained HTML page. */
export function formatHtml(result: Result, catalog: RuleCatalog): string {
  const { template, style, script } = load();
  const s = result.summary;
  const probes = result.probes;
  const anonymous = result.targets.filter((t) => (t.mqtt as { anonymous?: boolean } | undefined)?.anonymous).length;
  const brokers = result.targets.filter((t) => t.mqtt).length;
  const cards: [string, number | string][] = [
    ...SEVERITIES.map((x) => [x, s[x]] as [string, number]),
    ...(probes ? [['probes', probes.total] as [string, number]] : []),
    ...(result.targets.length ? [['targets reported', result.targets.length], ['open', result.targets.filter((t) => t.state === 'open').length], ['brokers', brokers], ['anonymous', anonymous]] as [string, number][] : []),
    ...(result.files.length ? [['files linted', result.files.length] as [string, number]] : []),
    ...(result.findings.some((f) => f.suppressed) ? [['suppressed', result.findings.filter((f) => f.suppressed).length] as [string, number]] : []),
    ...(result.findings.some((f) => f.baselineState) ? [['new', result.findings.filter((f) => f.baselineState === 'new').length], ['fixed', result.findings.filter((f) => f.baselineState === 'absent').length]] as [string, number][] : []),
  ];
  const rows = result.findings.map((f) => {
    const cls = [f.suppressed ? 'suppressed' : '', f.baselineState === 'absent' ? 'absent' : ''].filter(Boolean).join(' ');
    return `<tr id="f-${e(f.fingerprint.replace(/:/g, '-'))}" data-severity="${f.severity}" data-rule="${e(f.ruleId)}" data-where="${e(groupOf(f))}"${cls ? ` class="${cls}"` : ''}><td data-label="Severity" class="sev ${f.severity}">${f.severity}</td><td data-label="Rule"><code>${e(f.ruleId)}</code></td><td data-label="Where"><code>${e(whereOf(f))}</code></td><td data-label="Message">${e(f.message)}</td><td data-label="State">${badges(f)}</td></tr>`;
  });
  const options = (values: string[]) => [...new Set(values)].sort().map((v) => `<option value="${e(v)}">${e(v)}</option>`).join('');
  const slots: Record<string, string> = {
    csp: `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(script)}; img-src data:; base-uri 'none'; form-action 'none'`,
    version: e(result.tool.version),
    title: e(result.command === 'report' ? 'mqtt-audit report' : `mqtt-audit ${result.command} report`),
    meta: e(`${summaryLine(result)} · ${result.startedAt} – ${result.finishedAt}`),
    style,
    script,
    cards: cards.map(([k, v]) => `<div class="card${SEVERITIES.includes(k as Severity) ? ` ${k}` : ''}"><b>${e(String(v))}</b>${e(k)}</div>`).join(''),
    chart: chart(result),
    severityOptions: options(result.findings.map((f) => f.severity)),
    ruleOptions: options(result.findings.map((f) => f.ruleId)),
    whereOptions: options(result.findings.map(groupOf)),
    rows: rows.length ? rows.join('\n') : '',
    compliance: complianceSection(result),
    targets: targetsSection(result),
    files: filesSection(result),
    rules: rulesSection(result, catalog),
  };
  // One pass over the template: a slot's content is never scanned for further slots.
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => slots[k] ?? '');
}
