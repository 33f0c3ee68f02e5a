/** @fileoverview `mqtt-audit rules`: list every rule with its severity, what it checks and how to fix it. */
import { UsageError } from '../../common/errors.js';
import type { Rule } from '../../model/types.js';
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
export function ruleJson(r: Rule) {
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
  };
}

/** Text listing: one header line a rule, then what it checks and how to fix it. */
export function rulesText(rules: Rule[]): string {
  const w = Math.max(...rules.map((r) => r.id.length));
  return `${rules.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${sanitizeText(r.title)}\n${' '.repeat(4)}checks: ${sanitizeText(r.checks)}\n${' '.repeat(4)}fix:    ${sanitizeText(r.fix)}\n`).join('\n')}\n${rules.length} rules\n`;
}

/** Markdown listing: the body of docs/rules.md. */
export function rulesMarkdown(catalog: RuleCatalog): string {
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
  }
  return out.join('\n');
}

/** Run the rules command. */
export async function rulesCommand(opts: CommonOptions): Promise<number> {
  if (!(RULES_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`rules --format must be one of ${RULES_FORMATS.join(', ')}`);
  const catalog = loadCatalog(opts.rules ?? [], new Set(Object.keys(CHECKS)));
  const rules = selectRules(catalog, opts.enable, opts.disable);
  const render = (format: string) => (format === 'json' ? `${JSON.stringify(rules.map(ruleJson), null, 2)}\n` : format === 'markdown' ? rulesMarkdown(new RuleCatalog(rules)) : rulesText(rules));
  const files = (opts.output ?? []).map((f) => {
    const ext = /\.(json|md|txt)$/i.exec(f)?.[1]?.toLowerCase();
    if (!ext) throw new UsageError(`-o ${f}: the rules command writes .json, .md or .txt`);
    return { f, text: render(ext === 'json' ? 'json' : ext === 'md' ? 'markdown' : 'text') };
  });
  for (const x of files) writeFileAtomic(x.f, x.text);
  if (!opts.quiet) io().stdout.write(render(opts.format));
  return 0;
}
