/** @fileoverview `mqtt-audit rules`: list every rule with its severity, what it checks and how to fix it. */
import { UsageError } from '../../common/errors.js';
import type { Control, Framework, Rule } from '../../model/types.js';
import { controlsByRule, frameworksById } from '../../rules/frameworks.js';
import { DEFAULT_SECURITY_SEVERITY } from '../../common/findings.js';
import { CHECKS } from '../../rules/checks/index.js';
import { loadCatalog, RuleCatalog } from '../../rules/load.js';
import { helpUri, ruleAnchor } from '../../report/sarif.js';
import { writeFileAtomic } from '../../report/sinks/file-atomic.js';
import { sanitizeText } from '../../report/escape.js';
import { selectRules, type CommonOptions } from '../output.js';
import { RULES_FORMATS } from '../options.js';
import { io } from '../io.js';

/** Formats the rules command supports. */

/** The rule as `rules --format json` prints it. */
export function ruleJson(r: Rule, controls: Map<string, string[]> = controlsByRule()) {
  return {
    id: r.id,
    severity: r.severity,
    securitySeverity: r.securitySeverity ?? DEFAULT_SECURITY_SEVERITY[r.severity] ?? null,
    title: r.title,
    checks: r.checks,
    fix: r.fix,
    foundBy: r.foundBy,
    tags: r.tags,
    ...(r.cwe ? { cwe: r.cwe } : {}),
    references: r.references,
    kind: r.check === 'code' ? 'code' : 'declarative',
    helpUri: helpUri(r.id),
    source: r.source.builtin ? 'builtin' : r.source.path,
    controls: controls.get(r.id) ?? [],
  };
}

/** Text listing: one header line a rule, then what it checks and how to fix it. */
export function rulesText(rules: Rule[], controls: Map<string, string[]> = controlsByRule()): string {
  const w = Math.max(...rules.map((r) => r.id.length));
  const mapped = (r: Rule) => (controls.get(r.id)?.length ? `${' '.repeat(4)}controls: ${controls.get(r.id)!.join(', ')}\n` : '');
  return `${rules.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${sanitizeText(r.title)}\n${' '.repeat(4)}checks: ${sanitizeText(r.checks)}\n${' '.repeat(4)}fix:    ${sanitizeText(r.fix)}\n${mapped(r)}`).join('\n')}\n${rules.length} rules\n`;
}

/** Which commands can assess a control: the foundBy of its rules, or manual. */
function assessedBy(c: Control, catalog: RuleCatalog): string {
  const by = new Set((c.rules ?? []).flatMap((id) => catalog.get(id)?.foundBy ?? []));
  return [...[...by].sort(), ...(c.manual ? ['manual'] : [])].join(', ') || 'manual';
}

/** `rules --framework ID`: the framework's controls, the rules that evidence each, and which commands can assess it. */
export function frameworkText(fw: Framework, catalog: RuleCatalog): string {
  const out = [`${fw.title} (${fw.version}) — ${fw.id}`, `${fw.source}`, ''];
  for (const c of fw.controls) {
    out.push(`${c.id}  ${sanitizeText(c.title)}  [${assessedBy(c, catalog)}]`);
    out.push(`    ${sanitizeText(c.requirement)}`);
    if (c.rules?.length) out.push(`    rules: ${c.rules.join(', ')}`);
    if (c.manual) out.push(`    manual: ${sanitizeText(c.manual)}`);
    out.push('');
  }
  out.push(`${fw.controls.length} controls: ${fw.controls.filter((c) => c.rules?.length).length} with rules, ${fw.controls.filter((c) => !c.rules?.length).length} manual`);
  return `${out.join('\n')}\n`;
}

/** `rules --framework ID --format markdown`: a table of controls (docs/frameworks.md is built from these). */
export function frameworkMarkdown(fw: Framework, catalog: RuleCatalog): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [
    `## ${fw.title}`,
    '',
    `\`--compliance ${fw.id}\` · version ${fw.version} · <${fw.source}>`,
    '',
    cell(fw.description),
    '',
    ...(fw.mapping ? [`How the mapping was made: ${cell(fw.mapping)}`, ''] : []),
    '| Control | Title | Assessed by | Rules or manual check |',
    '| --- | --- | --- | --- |',
    ...fw.controls.map((c) => `| ${cell(c.id)} | ${cell(c.title)} | ${assessedBy(c, catalog)} | ${[...(c.rules ?? []).map((r) => `[${r}](rules.md#${ruleAnchor(r)})`), ...(c.manual ? [cell(c.manual)] : [])].join('; ')} |`),
    '',
  ];
  return out.join('\n');
}

/**
 * A benchmark (controls with level and profile: the mqtt-audit Mosquitto Benchmark) as a CIS-style document:
 * docs/benchmark.md is this text.
 */
export function benchmarkMarkdown(fw: Framework, catalog: RuleCatalog): string {
  const out = [
    `# ${fw.title}`,
    '',
    '<!-- Generated from rules/frameworks/mosquitto-benchmark.yaml by `npm run docs`; do not edit by hand. -->',
    '',
    `Version ${fw.version}. ${fw.description}`,
    '',
    ...(fw.mapping ? [fw.mapping, ''] : []),
    `Audit a deployment with \`mqtt-audit lint --compliance ${fw.id}\` (the config profile) and \`mqtt-audit scan --compliance ${fw.id}\` (the network profile), or merge both with \`mqtt-audit report --compliance ${fw.id}\`. Level 1 is for every deployment, level 2 for high security.`,
    '',
    '| # | Recommendation | Level | Profile | Audited by |',
    '| --- | --- | --- | --- | --- |',
    ...fw.controls.map((c) => `| [${c.id}](#${anchorOf(c)}) | ${c.title.replace(/\|/g, '\\|')} | ${c.level ?? ''} | ${c.profile ?? ''} | ${assessedBy(c, catalog)} |`),
    '',
  ];
  let section: string | undefined;
  for (const c of fw.controls) {
    const sec = fw.sections?.find((x) => c.id.startsWith(`${x.id}.`));
    if (sec && sec.id !== section) {
      section = sec.id;
      out.push(`## ${sec.id} ${sec.title}`, '');
    }
    out.push(`### ${c.id} ${c.title}`, '', `**Level ${c.level ?? '–'} · profile ${c.profile ?? '–'}.** ${c.requirement}`, '');
    if (c.rationale) out.push(`**Rationale.** ${c.rationale}`, '');
    const audit = [
      ...(c.rules?.length ? [`mqtt-audit rules: ${c.rules.map((r) => `[${r}](rules.md#${ruleAnchor(r)})`).join(', ')}.`] : []),
      ...(c.manual ? [c.manual] : []),
    ];
    out.push(`**Audit.** ${audit.join(' ')}`, '');
    if (c.remediation) out.push(`**Remediation.** ${c.remediation}`, '');
    if (c.default) out.push(`**Default value.** ${c.default}`, '');
    if (c.references?.length) out.push(`**References.** ${c.references.map((u) => `<${u}>`).join(', ')}`, '');
  }
  return out.join('\n');
}

function anchorOf(c: Control): string {
  return `${c.id} ${c.title}`.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** `rules --framework ID --format json`. */
export function frameworkJson(fw: Framework, catalog: RuleCatalog) {
  return { ...fw, controls: fw.controls.map((c) => ({ ...c, assessedBy: assessedBy(c, catalog).split(', ') })) };
}

/** Markdown listing: the body of docs/rules.md. */
export function rulesMarkdown(catalog: RuleCatalog, controls: Map<string, string[]> = controlsByRule()): string {
  const rules = catalog.rules;
  const out = [
    '# Rules',
    '',
    '<!-- Generated from rules/**/*.yaml by `npm run docs`; do not edit by hand. -->',
    '',
    `mqtt-audit has ${rules.length} rules. A rule id never changes; \`lint\` finds the rules marked lint in configuration files, \`scan\` those marked scan on the wire. Severities map to SARIF \`security-severity\` as critical 9.5, high 8.0, medium 5.5, low 3.0 unless a rule says otherwise.`,
    '',
    '| Rule | Severity | Found by | Title |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| [${r.id}](#${ruleAnchor(r.id)}) | ${r.severity} | ${r.foundBy.join(', ')} | ${r.title.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const r of rules) {
    const variants = Object.entries(r.variants ?? {}).filter(([, v]) => v.severity).map(([k, v]) => `${v.severity} (${k})`);
    out.push(
      `## ${r.id}`,
      '',
      `**${r.title}** — severity **${r.severity}**${variants.length ? ` (or ${variants.join(', ')})` : ''}${r.cwe ? `, ${r.cwe}` : ''}; found by ${r.foundBy.join(' and ')}; ${r.check === 'code' ? 'checked in code' : 'declarative'}.`,
      '',
      `What it checks: ${r.checks}`,
      '',
      `How to fix: ${r.fix}`,
      '',
    );
    if (r.references.length) out.push(`References: ${r.references.map((u) => `<${u}>`).join(', ')}`, '');
    const mapped = controls.get(r.id);
    if (mapped?.length) out.push(`Compliance controls: ${mapped.join(', ')} (docs/frameworks.md)`, '');
  }
  return out.join('\n');
}

/** Run the rules command. */
export async function rulesCommand(opts: CommonOptions & { framework?: string }): Promise<number> {
  if (!(RULES_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`rules --format must be one of ${RULES_FORMATS.join(', ')}`);
  const catalog = loadCatalog(opts.rules ?? [], new Set(Object.keys(CHECKS)));
  const rules = selectRules(catalog, opts.enable, opts.disable);
  const fw = opts.framework ? frameworksById([opts.framework])[0] : undefined;
  const render = (format: string) =>
    fw
      ? format === 'json'
        ? `${JSON.stringify(frameworkJson(fw, catalog), null, 2)}\n`
        : format === 'markdown'
          ? fw.controls.some((c) => c.level !== undefined) ? benchmarkMarkdown(fw, catalog) : frameworkMarkdown(fw, catalog)
          : frameworkText(fw, catalog)
      : format === 'json' ? `${JSON.stringify(rules.map((r) => ruleJson(r)), null, 2)}\n` : format === 'markdown' ? rulesMarkdown(new RuleCatalog(rules)) : rulesText(rules);
  const files = (opts.output ?? []).map((f) => {
    const ext = /\.(json|md|txt)$/i.exec(f)?.[1]?.toLowerCase();
    if (!ext) throw new UsageError(`-o ${f}: the rules command writes .json, .md or .txt`);
    return { f, text: render(ext === 'json' ? 'json' : ext === 'md' ? 'markdown' : 'text') };
  });
  for (const x of files) writeFileAtomic(x.f, x.text);
  if (!opts.quiet) io().stdout.write(render(opts.format));
  return 0;
}
