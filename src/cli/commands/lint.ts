/** @fileoverview `mqtt-audit lint [paths...]`: parse options → configuration facts → audit → outputs → exit code. */
import { audit } from '../../audit/audit.js';
import { lintBatches } from '../../lint/load.js';
import { CHECKS } from '../../rules/checks/index.js';
import { loadCatalog } from '../../rules/load.js';
import { finish, prepare, selectRules, type CommonOptions } from '../output.js';

/** Options of the lint command. */
export interface LintOptions extends CommonOptions {
  root?: string;
  mosquittoVersion?: string;
  acl?: string[];
  passwd?: string[];
  aclAdmin?: string[];
  expiryDays: number;
  fileModes: 'auto' | 'check' | 'ignore';
}

/** Run the lint command; returns the exit code (0 or 1); throws AuditError for exit 2. */
export async function lintCommand(paths: string[], opts: LintOptions, version: string): Promise<number> {
  const prepared = prepare(opts);
  const catalog = loadCatalog(opts.rules ?? [], new Set(Object.keys(CHECKS)));
  const rules = selectRules(catalog, opts.enable, opts.disable).filter((r) => r.foundBy.includes('lint'));
  const input = { paths: paths.length || opts.acl?.length || opts.passwd?.length ? paths : ['.'], root: opts.root, acl: opts.acl, passwd: opts.passwd, fileModes: opts.fileModes, mosquittoVersion: opts.mosquittoVersion };
  const settings = { now: new Date(), expiryDays: opts.expiryDays, adminUsers: opts.aclAdmin ?? [], tlsProfile: 'intermediate' as const, knownRuleIds: new Set(catalog.rules.map((r) => r.id)) };
  const batches = (function* () {
    for (const config of lintBatches(input)) yield { config };
  })();
  const result = audit('lint', batches, rules, settings, { version, startedAt: new Date(), frameworks: prepared.frameworks });
  return finish(result, catalog, rules, opts, prepared);
}
