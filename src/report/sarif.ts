/** @fileoverview SARIF 2.1.0 for GitHub code scanning: rules with security-severity, fingerprints, regions, a physical location for every result. */
import type { Finding, Result, Rule, Severity } from '../model/types.js';
import { urlHost } from '../common/ip.js';
import { DEFAULT_SECURITY_SEVERITY } from '../common/findings.js';
import type { RuleCatalog } from '../model/types.js';
import type { FormatOptions } from './format-options.js';
import { wellFormed } from './escape.js';

/** Where the project and its rule docs live. */
export const HOMEPAGE = 'https://github.com/mqtt-audit/mqtt-audit';
/** The SARIF `$schema` GitHub and validators know. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** The docs anchor of a rule in docs/rules.md. */
export function ruleAnchor(id: string): string {
  return id.replace(/\./g, '');
}

/** The help URI of a rule. */
export function helpUri(id: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules.md#${ruleAnchor(id)}`;
}

/** A relationship of a rule to a taxon (a CWE, a framework control) of the run's taxonomies. */
interface Relationship {
  target: { id: string; toolComponent: { name: string; index: number } };
  kinds: string[];
}

/**
 * The run's taxonomies: CWE (the weaknesses the rules name) and one per framework of the compliance view, each control
 * a taxon; and for each rule its relationships to them (SARIF 2.1.0 §3.19.3, §3.52).
 */
function taxonomies(result: Result, rules: Rule[]): { taxonomies: object[]; relations: Map<string, Relationship[]> } {
  const relations = new Map<string, Relationship[]>();
  const relate = (ruleId: string, r: Relationship) => relations.set(ruleId, [...(relations.get(ruleId) ?? []), r]);
  const cwes = [...new Set(rules.map((r) => r.cwe).filter((c): c is string => !!c))].sort();
  const out: object[] = [];
  if (cwes.length) {
    out.push({
      name: 'CWE',
      organization: 'MITRE',
      informationUri: 'https://cwe.mitre.org/',
      shortDescription: { text: 'Common Weakness Enumeration' },
      taxa: cwes.map((id) => ({ id, helpUri: `https://cwe.mitre.org/data/definitions/${id.replace(/^CWE-/, '')}.html` })),
    });
    for (const r of rules) if (r.cwe) relate(r.id, { target: { id: r.cwe, toolComponent: { name: 'CWE', index: 0 } }, kinds: ['superset'] });
  }
  for (const cv of result.compliance ?? []) {
    const index = out.length;
    out.push({
      name: cv.framework.id,
      fullName: cv.framework.title,
      version: cv.framework.version,
      ...(cv.framework.source ? { informationUri: cv.framework.source } : {}),
      shortDescription: { text: cv.framework.title },
      taxa: cv.controls.map((c) => ({ id: c.id, shortDescription: { text: c.title } })),
    });
    for (const c of cv.controls) for (const id of c.rules) relate(id, { target: { id: c.id, toolComponent: { name: cv.framework.id, index } }, kinds: ['relevant'] });
  }
  return { taxonomies: out, relations };
}

function ruleDescriptor(r: Rule, relations?: Relationship[]) {
  const score = r.securitySeverity ?? DEFAULT_SECURITY_SEVERITY[r.severity];
  const tags = ['security', r.id.split('.')[0], ...r.tags, ...(r.cwe ? [r.cwe] : [])].filter((t, i, a) => a.indexOf(t) === i).slice(0, 20);
  return {
    id: r.id,
    name: r.id.split(/[.-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: r.title },
    fullDescription: { text: r.checks },
    help: {
      text: `${r.checks}\n\nHow to fix: ${r.fix}${r.references.length ? `\n\nReferences: ${r.references.join(' ')}` : ''}`,
      markdown: `${r.checks}\n\n**How to fix:** ${r.fix}${r.references.length ? `\n\n**References:** ${r.references.map((u) => `<${u}>`).join(', ')}` : ''}`,
    },
    helpUri: helpUri(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags,
      precision: 'high',
      ...(score !== undefined ? { 'security-severity': score.toFixed(1) } : {}),
    },
    ...(relations?.length ? { relationships: relations } : {}),
  };
}

function encodePath(p: string): string {
  const rel = wellFormed(p).split('/').map(encodeURIComponent).join('/');
  return p.startsWith('/') ? `file://${rel}` : rel;
}

/** The URI of a network target: mqtts:// when it spoke TLS. */
export function targetUri(f: Finding): string {
  const t = f.target!;
  const host = urlHost(t.host);
  const tls = f.evidence?.transport === 'tls';
  if (typeof f.evidence?.websocket === 'string') return `${tls ? 'wss' : 'ws'}://${host}:${t.port}${encodeURI(wellFormed(f.evidence.websocket))}`;
  return `${tls ? 'mqtts' : 'mqtt'}://${host}:${t.port}`;
}

/**
 * Every result gets a physical location (GitHub rejects an upload for one without): the file line; for a network
 * finding, the --targets-file line that named the target, else the target's own mqtt(s):// URI; a logical location
 * names the target beside it (docs/scan.md, "Findings from the wire").
 */
function location(f: Finding) {
  const logical = f.target ? { logicalLocations: [{ fullyQualifiedName: targetUri(f), kind: 'resource' }] } : {};
  if (f.location) {
    const region: Record<string, number> = { startLine: f.location.line };
    if (f.location.column && !f.target) region.startColumn = f.location.column;
    if (f.location.endColumn && f.location.column && f.location.endColumn > f.location.column && !f.target) region.endColumn = f.location.endColumn;
    return { physicalLocation: { artifactLocation: { uri: encodePath(f.location.path) }, region }, ...logical };
  }
  return { physicalLocation: { artifactLocation: { uri: targetUri(f) } }, ...logical };
}

/** Render a Result as a SARIF 2.1.0 log with one run. */
export function formatSarif(result: Result, catalog: RuleCatalog, opts: FormatOptions = {}): string {
  const rules = (opts.rules ?? catalog.rules).filter((r) => !r.deprecated);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = result.findings
    .filter((f) => f.baselineState !== 'absent' && (!f.suppressed || opts.includeSuppressed) && (f.location || f.target))
    .map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(f)],
      ...(f.related?.length
        ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: { artifactLocation: { uri: encodePath(r.path) }, region: { startLine: r.line, ...(r.column ? { startColumn: r.column } : {}) } }, message: { text: r.message } })) }
        : {}),
      partialFingerprints: { 'mqttAudit/v1': f.fingerprint },
      ...(f.baselineState ? { baselineState: f.baselineState } : {}),
      ...(f.suppressed ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppressed.reason }] } : {}),
      properties: { severity: f.severity, title: f.title, ...(f.target ? { target: f.target } : {}) },
    }));
  const tax = taxonomies(result, rules);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mqtt-audit',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: HOMEPAGE,
            rules: rules.map((r) => ruleDescriptor(r, tax.relations.get(r.id))),
            ...(tax.taxonomies.length ? { supportedTaxonomies: tax.taxonomies.map((t, index) => ({ name: (t as { name: string }).name, index })) } : {}),
          },
        },
        ...(tax.taxonomies.length ? { taxonomies: tax.taxonomies } : {}),
        automationDetails: { id: `mqtt-audit/${result.command}/` },
        invocations: [{ executionSuccessful: true, startTimeUtc: result.startedAt, endTimeUtc: result.finishedAt }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
