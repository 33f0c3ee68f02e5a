/** @fileoverview `mqtt-audit lint [paths...]`: parse options → lint → outputs → exit code. */
import { loadCatalog } from '../../rules/load.js';
import { CHECKS } from '../../rules/checks/index.js';
import { runLint } from '../../lint/run-lint.js';
import { finish, prepare, selectRules, type CommonOptions } from '../output.js';

/** Options of the lint command. */
export interface LintOptions extends CommonOptions {
  root?: string;
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
  const input = { paths: paths.length || opts.acl?.length || opts.passwd?.length ? paths : ['.'], root: opts.root, acl: opts.acl, passwd: opts.passwd, fileModes: opts.fileModes };
  const result = runLint(input, rules, { now: new Date(), expiryDays: opts.expiryDays, adminUsers: opts.aclAdmin ?? [] }, version);
  return finish(result, catalog, rules, opts, prepared);
}
