/** @fileoverview Run the real CLI in a child process, as users and CI do. */
import { spawn, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { BIN } from './paths.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `mqtt-audit ...args` in cwd; NO_COLOR and FORCE_COLOR are cleared unless env sets them. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Assert-friendly: one line on stderr, prefixed, without a stack trace. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n');
  return lines.length === 1 && lines[0].startsWith('mqtt-audit: error: ') && !/\n\s+at /.test(stderr);
}

/** Run the CLI without blocking this process (tests whose brokers live in this process need their event loop). */
export function runCliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<CliRun & { ms: number }> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 120000);
    p.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Run the CLI's main() in this process, its stdout and stderr collected, cwd and env set for the call. It is the code
 * the binary runs (bin/mqtt-audit.js only sets the exit code main() returns) without a Node.js start per case; tables
 * of many cases use it and keep a few cases in a child process (runCli), where a stack trace or a hang would show.
 * Calls must not overlap (they set the process's cwd and env): use it from tests that run one at a time.
 */
export async function runMain(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  const { main } = await import('../../src/cli/main.js');
  const out = collector();
  const err = collector();
  const saved = { cwd: process.cwd(), env: { ...process.env } };
  try {
    for (const [k, v] of Object.entries({ NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env })) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (opts.cwd) process.chdir(opts.cwd);
    const code = await main(args, { stdout: out.stream, stderr: err.stream });
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    process.chdir(saved.cwd);
    for (const k of Object.keys(process.env)) if (!(k in saved.env)) delete process.env[k];
    Object.assign(process.env, saved.env);
  }
}
