/**
 * The layering of src/ (docs/ARCHITECTURE.md), enforced in `npm test`:
 * facts (probe, lint) → rules → findings (audit) → reports, with the CLI on top and model/common beneath everything.
 */
const part = (name) => `^src/${name}/`;
const parts = (...names) => `^src/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, inside a part or between parts.', from: {}, to: { circular: true } },
    { name: 'nothing-imports-cli', severity: 'error', comment: 'The CLI is the top: only bin/ starts it.', from: { pathNot: part('cli') }, to: { path: part('cli') } },
    { name: 'model-is-types-only', severity: 'error', comment: 'model/ holds the shared types and depends on nothing else in src/.', from: { path: part('model') }, to: { path: '^src/', pathNot: part('model') } },
    { name: 'common-is-neutral', severity: 'error', comment: 'common/ is the vocabulary every part shares: it imports only model/.', from: { path: part('common') }, to: { path: '^src/', pathNot: parts('common', 'model') } },
    { name: 'probe-not-lint', severity: 'error', comment: 'The two producers of facts never import each other.', from: { path: part('probe') }, to: { path: part('lint') } },
    { name: 'lint-not-probe', severity: 'error', comment: 'The two producers of facts never import each other.', from: { path: part('lint') }, to: { path: part('probe') } },
    { name: 'producers-produce-facts', severity: 'error', comment: 'Producers fill fact models; they never run rules, audit or report.', from: { path: parts('probe', 'lint') }, to: { path: parts('rules', 'audit', 'report') } },
    { name: 'targets-stand-alone', severity: 'error', comment: 'Target expansion knows nothing of probes, files, rules or reports.', from: { path: part('targets') }, to: { path: parts('probe', 'lint', 'rules', 'audit', 'report') } },
    { name: 'rules-read-facts', severity: 'error', comment: 'Rules read fact models, never their producers, and know nothing of targets, audit or reports.', from: { path: part('rules') }, to: { path: parts('probe', 'lint', 'targets', 'audit', 'report') } },
    { name: 'audit-runs-rules-on-facts', severity: 'error', comment: 'The audit pipeline takes facts from its caller and hands a Result on.', from: { path: part('audit') }, to: { path: parts('probe', 'lint', 'targets', 'report') } },
    { name: 'report-formats-results', severity: 'error', comment: 'Reports turn a Result into text: no producer, no rule, no target expansion.', from: { path: part('report') }, to: { path: parts('probe', 'lint', 'rules', 'targets', 'audit') } },
    { name: 'no-orphans', severity: 'error', comment: 'Every module in src/ is used.', from: { orphan: true, path: '^src/', pathNot: '\\.d\\.ts$' }, to: {} },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
