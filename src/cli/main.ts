/** @fileoverview The commander program. NOTE: the only place that turns errors into `mqtt-audit: error: …` and exit code 2. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { AuditError } from '../common/errors.js';
import { PACKAGE_ROOT } from '../common/package.js';
import type { LintOptions } from './commands/lint.js';
import type { ScanOptions } from './commands/scan.js';
import { addOptions, RULES_FORMATS } from './options.js';
import { io, withIo, type Io } from './io.js';
import type { CommonOptions } from './output.js';

/** The version in package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Run mqtt-audit with argv (without node and script); resolves to the exit code. Output goes to `streams` when given. */
export function main(argv: string[], streams?: Io): Promise<number> {
  return withIo(streams, () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let code = 0;
  const program = new Command('mqtt-audit')
    .description('Audit MQTT brokers: lint mosquitto configurations, scan live brokers, report for people and pipelines.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ ...OUTPUT, outputError: (str, write) => write(`mqtt-audit: ${str.replace(/^error: /, 'error: ')}`) });

  const lint = program
    .command('lint')
    .description('audit mosquitto configuration files: the effective config, its ACL, password, certificate and key files')
    .argument('[paths...]', 'config files, or directories taken for repositories (searched for *.conf mosquitto configs; default: the current directory)');
  addOptions(lint, 'lint');
  lint.action(async (paths: string[], opts: LintOptions) => {
    // Each command is loaded only when it runs: --help, --version and a usage error never pay for the others.
    const { lintCommand } = await import('./commands/lint.js');
    code = await lintCommand(paths, opts, version());
  });

  const scan = program
    .command('scan')
    .description('audit live brokers: open ports, anonymous access, what # and $SYS/# leak, TLS')
    .argument('[targets...]', 'addresses, CIDR ranges, ranges (10.0.0.1-50), names, host:port, [v6]:port, mqtt:// and mqtts:// URLs', []);
  addOptions(scan, 'scan');
  scan.action(async (targets: string[], opts: ScanOptions) => {
    const { scanCommand } = await import('./commands/scan.js');
    code = await scanCommand(targets, opts, version());
  });

  const report = program
    .command('report')
    .description('merge earlier JSON results (shards, scan + lint), re-render them in any format, e-mail them')
    .argument('<results...>', 'JSON results written by scan, lint or report');
  addOptions(report, 'report');
  report.action(async (files: string[], opts: CommonOptions) => {
    const { reportCommand } = await import('./commands/report.js');
    code = await reportCommand(files, opts, version());
  });

  const rules = program.command('rules').description('list every rule: id, severity, title, what it checks, how to fix');
  addOptions(rules, 'rules', RULES_FORMATS);
  rules.action(async (opts: CommonOptions) => {
    const { rulesCommand } = await import('./commands/rules.js');
    code = await rulesCommand(opts);
  });

  for (const c of program.commands) c.exitOverride().configureOutput({ ...OUTPUT, outputError: (str, write) => write(`mqtt-audit: ${str}`) });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed "mqtt-audit: error: …"
    }
    if (e instanceof AuditError) {
      io().stderr.write(`mqtt-audit: error: ${oneLine(e.message)}\n`);
      if (debug && e.stack) io().stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    io().stderr.write(`mqtt-audit: error: ${oneLine((e as Error)?.message ?? String(e))} (an internal error; please report it, with --debug output)\n`);
    if (debug && (e as Error)?.stack) io().stderr.write(`${(e as Error).stack}\n`);
    return 2;
  }
}

/** commander's help and errors go to the run's streams. */
const OUTPUT = {
  writeOut: (s: string) => void io().stdout.write(s),
  writeErr: (s: string) => void io().stderr.write(s),
  getOutHelpWidth: () => (io().stdout as { columns?: number }).columns ?? 80,
  getErrHelpWidth: () => (io().stderr as { columns?: number }).columns ?? 80,
};

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}
