/** @fileoverview Shared command plumbing: choose rules, apply a baseline, render every requested output, write them whole. */
import { failedGateControls, splitControlName } from '../audit/compliance.js';
import { frameworksById } from '../rules/frameworks.js';
import type { Framework } from '../model/types.js';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensureHistoryDir, historyName, latestInHistory } from '../report/history.js';
import { checkEmailOptions, sendEmail, type EmailOptions } from '../report/sinks/email.js';
import { exitCode } from './exit-code.js';
import { io } from './io.js';
import { InputError, UsageError } from '../common/errors.js';
import { describeFsError } from '../common/read-text.js';
import type { Result, Rule } from '../model/types.js';
import { applyBaseline, readBaseline } from '../report/baseline.js';
import { formatForFile, render, renderChunks, type FormatName } from '../report/index.js';
import { writeFileAtomic } from '../report/sinks/file-atomic.js';
import type { RuleCatalog } from '../model/types.js';
import { coversRule } from '../common/rule-ids.js';

/** Options every command takes, as commander hands them over. */
export interface CommonOptions {
  format: FormatName;
  output?: string[];
  failOn: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
  baseline?: string;
  rules?: string[];
  enable?: string[];
  disable?: string[];
  sarifIncludeSuppressed?: boolean;
  compliance?: string[];
  failOnControl?: string[];
  history?: string;
  emailTo?: string[];
  emailFrom?: string;
  smtpUrl?: string;
  quiet?: boolean;
  progress?: boolean;
  color?: boolean;
  debug?: boolean;
}

/** The rules --enable/--disable leave; an id or prefix that matches nothing is a usage error. */
export function selectRules(catalog: RuleCatalog, enable: string[] = [], disable: string[] = []): Rule[] {
  // An id, a prefix ending at a word boundary (`tls.`, `conf.max-`), or a bare domain (`acl`).
  const matchesAny = (id: string, sel: string) => coversRule(sel, id) || (!sel.includes('.') && id.startsWith(`${sel}.`));
  for (const sel of [...enable, ...disable]) {
    if (!catalog.rules.some((r) => matchesAny(r.id, sel))) throw new UsageError(`no rule matches "${sel}" (see mqtt-audit rules)`);
  }
  return catalog.rules.filter((r) => (enable.length === 0 || enable.some((s) => matchesAny(r.id, s))) && !disable.some((s) => matchesAny(r.id, s)));
}

/** Check what must be right before any work is done (e-mail settings, the history folder, the frameworks asked for). */
export function prepare(opts: CommonOptions): { email?: EmailOptions; frameworks: Framework[] } {
  if (opts.history) ensureHistoryDir(opts.history);
  return { email: checkEmailOptions(opts.emailTo, opts.emailFrom, opts.smtpUrl), frameworks: frameworksForRun(opts) };
}

/** The frameworks of --compliance and --fail-on-control (which implies its framework); every control name checked. */
export function frameworksForRun(opts: Pick<CommonOptions, 'compliance' | 'failOnControl'>): Framework[] {
  const gate = (opts.failOnControl ?? []).map(splitControlName);
  const frameworks = frameworksById([...(opts.compliance ?? []), ...gate.map(([fw]) => fw)]);
  for (const [fwId, controlId] of gate) {
    const fw = frameworks.find((f) => f.id === fwId)!;
    const ctl = controlId === undefined ? undefined : fw.controls.find((c) => c.id === controlId);
    if (controlId !== undefined && !ctl) {
      throw new UsageError(`--fail-on-control ${fwId}:${controlId}: ${fw.id} has no control "${controlId}" (see mqtt-audit rules --framework ${fw.id})`);
    }
    if (ctl && !ctl.rules?.length) throw new UsageError(`--fail-on-control ${fwId}:${controlId}: a manual control, which no rule can fail (see mqtt-audit rules --framework ${fw.id})`);
  }
  return frameworks;
}

/**
 * Finish a run, in this order: baseline (--baseline, else the latest --history file), every output (stdout and -o
 * files), the history file, the e-mail. Returns the exit code (0 or 1); a failed e-mail throws (exit 2) after the
 * files were written.
 */
export async function finish(result: Result, catalog: RuleCatalog, rules: Rule[], opts: CommonOptions, prepared: { email?: EmailOptions }): Promise<number> {
  const baselineFile = opts.baseline ?? (opts.history ? latestInHistory(opts.history, result.command) : undefined);
  const { result: marked, baselineDate } = withBaselineDated(result, baselineFile);
  await emit(marked, catalog, rules, opts, useColor(opts));
  if (opts.history) writeFileAtomic(join(opts.history, historyName(marked)), await render('json', marked, catalog));
  if (prepared.email) {
    const fopts = { rules, failOn: opts.failOn };
    await sendEmail(prepared.email, {
      subject: emailSubject(marked, baselineFile ? baselineDate ?? 'the baseline' : undefined),
      html: await render('html', marked, catalog, fopts),
      text: await render('text', marked, catalog, fopts),
      attachments: [
        { filename: `mqtt-audit-${marked.command}.json`, content: await render('json', marked, catalog, fopts), contentType: 'application/json' },
        { filename: `mqtt-audit-${marked.command}.sarif`, content: await render('sarif', marked, catalog, fopts), contentType: 'application/sarif+json' },
      ],
    });
  }
  // --fail-on-control: a failed control fails the run as a finding at --fail-on would.
  const gate = failedGateControls(marked.compliance, opts.failOnControl ?? []);
  if (gate.length > 0) io().stderr.write(`mqtt-audit: ${gate.length === 1 ? 'control' : 'controls'} ${gate.join(', ')} failed (--fail-on-control)\n`);
  return gate.length > 0 ? 1 : exitCode(marked, opts.failOn, !!baselineFile);
}

/** `mqtt-audit scan: 2 critical, 1 high, 3 new since 2026-11-27` */
export function emailSubject(result: Result, since?: string): string {
  const s = result.summary;
  const parts = (['critical', 'high'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  if (parts.length === 0) {
    const rest = s.medium + s.low + s.info;
    parts.push(rest ? `${rest} below high` : 'no findings');
  }
  if (since !== undefined) parts.push(`${result.findings.filter((f) => f.baselineState === 'new' && !f.suppressed).length} new since ${since.slice(0, 10)}`);
  return `mqtt-audit ${result.command}: ${parts.join(', ')}`;
}

function withBaselineDated(result: Result, file: string | undefined): { result: Result; baselineDate?: string } {
  if (!file) return { result };
  const b = readBaselineFile(file);
  return { result: applyBaseline(result, b), baselineDate: b.startedAt };
}

function readBaselineFile(file: string) {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(file, e instanceof SyntaxError ? `--baseline is not valid JSON (${e.message})` : `--baseline: ${describeFsError(e)}`);
  }
  const b = readBaseline(data);
  if (typeof b === 'string') throw new InputError(file, `--baseline: ${b}`);
  return b;
}

/** Render stdout and every -o file first, then write: nothing is half-written when a render fails. */
export async function emit(result: Result, catalog: RuleCatalog, rules: Rule[], opts: CommonOptions, colorOk: boolean): Promise<void> {
  const files = (opts.output ?? []).map((f) => ({ file: f, format: formatForFile(f) }));
  for (const f of files) checkOutputDir(f.file);
  const fopts = { includeSuppressed: !!opts.sarifIncludeSuppressed, rules, failOn: opts.failOn };
  // Every format but JSON is rendered before anything is written; JSON is written piece by piece as it is rendered.
  const rendered = await Promise.all(files.map(async (f) => ({ ...f, text: await renderChunks(f.format, result, catalog, fopts) })));
  const stdout = opts.quiet ? undefined : await renderChunks(opts.format, result, catalog, { ...fopts, color: colorOk });
  for (const f of rendered) writeFileAtomic(f.file, f.text);
  if (stdout) for (const piece of stdout) await writeStdout(piece);
}

/**
 * Write to stdout in slices: a large report (25,000 findings is ~15 MB of JSON) written at once is copied whole into
 * a buffer while the string is still alive; slices keep that copy small. Waits for the pipe to drain.
 */
export async function writeStdout(text: string): Promise<void> {
  const SLICE = 1 << 16;
  for (let i = 0; i < text.length; i += SLICE) {
    const out = io().stdout;
    if (!out.write(text.slice(i, i + SLICE))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
}

/** Refuse an output file whose folder does not exist before anything is written. */
export function checkOutputDir(file: string): void {
  const dir = dirname(resolve(file));
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new InputError(file, `cannot write the output file: folder ${dir} does not exist`);
}

/** Colour only on a terminal, never with --no-color or NO_COLOR. */
export function useColor(opts: { color?: boolean }): boolean {
  return opts.color !== false && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && !!io().stdout.isTTY;
}
