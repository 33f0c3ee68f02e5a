/** @fileoverview Text report: findings grouped by file (or target), line:column, severity, rule, message; colour on request. */
import type { Finding, Result, Severity } from '../model/types.js';
import { SEVERITY_ORDER } from '../common/findings.js';
import { urlHost } from '../common/ip.js';
import { sanitizeText } from './escape.js';
import { complianceCounts, findingsByPrint } from './compliance-view.js';
import type { FormatOptions } from './format-options.js';

const COLOR: Record<Severity, string> = { critical: '\x1b[1;35m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

/** Render a Result as text for a terminal or a log. */
export function formatText(result: Result, _catalog: unknown, opts: FormatOptions = {}): string {
  const c = (code: string, s: string) => (opts.color ? `${code}${s}${RESET}` : s);
  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = f.target ? endpointOf(f.target) : f.location ? f.location.path : '(no location)';
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const out: string[] = [];
  if (result.targets.length) {
    out.push(c(BOLD, 'targets'));
    for (const t of result.targets) out.push(`  ${sanitizeText(endpointOf(t)).padEnd(24)} ${t.transport.padEnd(3)}  ${t.state.padEnd(8)}  ${sanitizeText(describeTarget(t))}`);
    out.push('');
  }
  for (const [key, list] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    out.push(c(BOLD, sanitizeText(key) || '(no name)'));
    // A target's findings: the worst first, without the endpoint the heading already names, so a line fits 120 columns.
    const onTarget = list.some((f) => f.target);
    const sorted = onTarget
      ? [...list].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))
      : [...list].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
    for (const f of sorted) {
      const pos = f.location && !f.target ? `${f.location.line}:${f.location.column ?? 1}` : '';
      const tags = [f.suppressed ? 'suppressed' : '', f.baselineState === 'absent' ? 'fixed' : f.baselineState === 'new' ? 'new' : ''].filter(Boolean);
      const message = onTarget ? withoutEndpoint(f.message, key) : f.message;
      const lead = onTarget ? '  ' : `  ${pos.padStart(7)}  `;
      const line = `${lead}${c(COLOR[f.severity], f.severity.padEnd(8))}  ${sanitizeText(message)}  ${c(DIM, f.ruleId)}${tags.length ? ` ${c(DIM, `[${tags.join(', ')}]`)}` : ''}`;
      out.push(f.suppressed || f.baselineState === 'absent' ? c(DIM, line) : line);
    }
    out.push('');
  }
  // The compliance view: one line a framework, then its failing controls with the rules that failed them (docs/compliance.md).
  const byPrint = findingsByPrint(result);
  for (const cv of result.compliance ?? []) {
    out.push(`${c(BOLD, `compliance ${sanitizeText(cv.framework.id)}`)}  ${sanitizeText(cv.framework.title)} — ${sanitizeText(cv.framework.version)}: ${complianceCounts(cv)}`);
    for (const ctl of cv.controls.filter((x) => x.status === 'fail')) {
      const rules = [...new Set(ctl.findings.map((p) => byPrint.get(p)?.ruleId).filter(Boolean))].join(', ');
      const parts = ctl.parts?.length ? `; ${ctl.parts.map((x) => `${x.command} ${x.status}`).join(', ')}` : '';
      out.push(`  ${c(COLOR.high, 'fail')}  ${sanitizeText(ctl.id).padEnd(10)} ${sanitizeText(ctl.title)}  ${c(DIM, `${ctl.findings.length} finding${ctl.findings.length === 1 ? '' : 's'}: ${rules}${parts}`)}`);
    }
    if (cv.controls.some((x) => x.manual)) out.push(c(DIM, `  what each control asks and what to check by hand: mqtt-audit rules --framework ${sanitizeText(cv.framework.id)} (or the JSON, HTML or Markdown report)`));
    out.push('');
  }
  // Which mosquitto each configuration was judged for, and why (docs/lint.md, "Mosquitto versions").
  for (const f of result.files) {
    if (!f.mosquitto) continue;
    const why = f.mosquitto.source === 'option' ? '--mosquitto-version' : f.mosquitto.source === 'default' ? 'the default: no --mosquitto-version, no image tag found' : `from ${f.mosquitto.evidence ?? 'the repository'}`;
    out.push(c(DIM, `${sanitizeText(f.path)}: judged for mosquitto ${sanitizeText(f.mosquitto.version)} (${sanitizeText(why)})`));
  }
  out.push(summaryLine(result));
  return `${out.join('\n')}\n`;
}

/** One line: counts by severity, suppressed, fixed, files and targets. */
export function summaryLine(result: Result): string {
  const s = result.summary;
  const total = s.critical + s.high + s.medium + s.low + s.info;
  const parts = (['critical', 'high', 'medium', 'low', 'info'] as Severity[]).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  const suppressed = result.findings.filter((f) => f.suppressed).length;
  const absent = result.findings.filter((f) => f.baselineState === 'absent').length;
  const fresh = result.findings.filter((f) => f.baselineState === 'new' && !f.suppressed).length;
  const extra = [
    suppressed ? `${suppressed} suppressed` : '',
    result.findings.some((f) => f.baselineState) ? `${fresh} new, ${absent} fixed since the baseline` : '',
    result.files.length ? `${result.files.length} file${result.files.length === 1 ? '' : 's'}` : '',
    result.targets.length ? `${result.targets.length} target${result.targets.length === 1 ? '' : 's'}${targetStates(result)}` : '',
  ].filter(Boolean);
  return `${total} finding${total === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}${extra.length ? ` · ${extra.join(' · ')}` : ''}`;
}

/** A target finding's message without the endpoint its group heading names: `127.0.0.1:1883 speaks MQTT without TLS` → `speaks MQTT without TLS`. */
export function withoutEndpoint(message: string, endpoint: string): string {
  const e = endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const named = `(?:[^\\s()]+ \\()?${e.replace(/:(\d+)$/, '\\)?:$1')}`;
  return message
    .replace(new RegExp(`^${named}:? `), '')
    .replace(new RegExp(` \\(served by ${named}\\)`), '')
    .replace(new RegExp(` in the chain served by ${named}(?=[ ,:;)]|$)`), '')
    .replace(new RegExp(` on ${named}(?=[ ,:;)]|$)`), '');
}

/** ` (2 closed, 1 filtered)` when some targets did not answer as brokers: a closed port named alone is said, not hidden. */
function targetStates(result: Result): string {
  const n = (st: string) => result.targets.filter((t) => t.state === st).length;
  const parts = (['closed', 'filtered', 'not-mqtt', 'error'] as const).filter((st) => n(st) > 0).map((st) => `${n(st)} ${st === 'not-mqtt' ? 'not MQTT' : st}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function endpointOf(t: { host: string; port: number }): string {
  return `${urlHost(t.host)}:${t.port}`;
}

/** One line about a target: what answered, and how. */
function describeTarget(t: Result['targets'][number]): string {
  const m = t.mqtt as { protocolVersion?: number; anonymous?: boolean; brokerVersion?: string; session?: { identity: string; username?: string }; product?: { name: string; version?: string; source?: string; confidence?: string } } | undefined;
  const tls = t.tls as { protocol?: string; clientCertRequired?: boolean } | undefined;
  const parts: string[] = [];
  const ws = (t as { websocket?: string }).websocket;
  if (ws !== undefined) parts.push(`WebSocket ${ws}`);
  if (m) parts.push(`MQTT ${m.protocolVersion === 5 ? '5' : '3.1.1'}`, m.anonymous ? 'anonymous accepted' : m.session ? `logged in as ${m.session.username}` : 'anonymous refused');
  // Who the broker is: what $SYS says as it says it; a product known by its behaviour says so, with its confidence.
  const p = m?.product;
  const doubt = p?.confidence && p.confidence !== 'high' ? ` (${p.confidence} confidence)` : '';
  // Products as their makers write them (the JSON keeps the lower-case id).
  const names: Record<string, string> = { emqx: 'EMQX', hivemq: 'HiveMQ', rabbitmq: 'RabbitMQ' };
  const product = p ? (names[p.name] ?? p.name) : '';
  if (p?.source === 'behaviour') parts.push(`${product} by its behaviour${doubt}`);
  else if (m?.brokerVersion) parts.push(`${m.brokerVersion}${doubt}`);
  else if (p) parts.push(`${product}${p.version ? ` ${p.version}` : ''}${doubt}`);
  if (tls?.protocol) parts.push(tls.protocol);
  if (tls?.clientCertRequired) parts.push('client certificate required');
  if (t.reason && !(tls?.clientCertRequired && /client certificate/.test(t.reason))) parts.push(t.reason);
  return parts.join(', ');
}
