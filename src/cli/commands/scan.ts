/** @fileoverview `mqtt-audit scan [targets...]`: targets → probes → facts → findings → outputs → exit code. */
import { readFileSync } from 'node:fs';
import { audit } from '../../audit/audit.js';
import { InputError, UsageError } from '../../common/errors.js';
import { displayPath } from '../../common/paths.js';
import { isNetworkListener } from '../../common/conf-values.js';
import { describeFsError, readText } from '../../common/read-text.js';
import { lintBatches } from '../../lint/load.js';
import type { Origin, ScanFacts } from '../../model/wire.js';
import { CHECKS } from '../../rules/checks/index.js';
import { loadCatalog } from '../../rules/load.js';
import { parsePorts, parseTarget, parseTargetsFile, type TargetSpec } from '../../targets/parse.js';
import { buildTargetSet } from '../../targets/target-set.js';
import { checkOutputDir, finish, prepare, selectRules, type CommonOptions } from '../output.js';
import { scanProgress } from '../progress.js';
import { io } from '../io.js';

/** Options of the scan command. */
export interface ScanOptions extends CommonOptions {
  targetsFile?: string;
  exclude?: string[];
  ports: string;
  tlsPorts: string;
  wsPorts?: string;
  concurrency: number;
  timeout: number;
  listen: number;
  maxMessages: number;
  username?: string;
  password?: string;
  credentials?: string;
  cafile?: string;
  cert?: string;
  key?: string;
  expiryDays: number;
  showPayloads?: boolean;
  intrusive?: boolean;
  maxHosts: number;
  rate: number;
  perHost: number;
  sequential?: boolean;
  shard?: { index: number; count: number };
  dryRun?: boolean;
  trace?: string;
  config?: string;
  root?: string;
  mosquittoVersion?: string;
  tlsProfile: 'modern' | 'intermediate' | 'old';
}

/** At most this many --credentials pairs are tried on a target. */
export const MAX_CREDENTIALS = 100;
/** The pause between two credential attempts on one target. */
export const CREDENTIAL_PAUSE_MS = 250;

function readPem(file: string | undefined, what: string): string | undefined {
  if (!file) return undefined;
  try {
    const text = readFileSync(file, 'latin1');
    if (!text.includes('-----BEGIN ')) throw new InputError(file, `${what} is not a PEM file`);
    return text;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `${what}: ${describeFsError(e)}`);
  }
}

/** Read --credentials: user:password lines, # comments. */
export function readCredentials(file: string): { username: string; password: string }[] {
  const out: { username: string; password: string }[] = [];
  readText(file).split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const c = line.indexOf(':');
    if (c < 0) throw new InputError(file, '--credentials lines are user:password', i + 1);
    out.push({ username: line.slice(0, c), password: line.slice(c + 1) });
  });
  if (out.length === 0) throw new InputError(file, '--credentials holds no user:password line');
  if (out.length > MAX_CREDENTIALS) throw new InputError(file, `--credentials holds ${out.length} pairs; mqtt-audit tries at most ${MAX_CREDENTIALS} per target`);
  return out;
}

/** The one configuration --config names: a file, or a folder holding exactly one mosquitto configuration. */
function oneConfig(path: string, root?: string, mosquittoVersion?: string) {
  const batches = [...lintBatches({ paths: [path], root, mosquittoVersion })].filter((b) => b.configs.length > 0);
  if (batches.length !== 1) {
    const names = batches.map((b) => displayPath(b.configs[0].main.path)).slice(0, 3).join(', ');
    throw new UsageError(`--config ${path} holds ${batches.length} mosquitto configurations (${names}${batches.length > 3 ? ', …' : ''}); name the one this broker runs`);
  }
  return batches[0];
}

/** Run the scan command; returns 0 or 1; throws AuditError for exit 2. */
export async function scanCommand(args: string[], opts: ScanOptions, version: string): Promise<number> {
  const startedAt = new Date();
  const prepared = prepare(opts);
  const catalog = loadCatalog(opts.rules ?? [], new Set(Object.keys(CHECKS)));
  const selected = selectRules(catalog, opts.enable, opts.disable);
  if (opts.root && !opts.config) throw new UsageError('--root goes with --config (scan) or lint');
  if (opts.mosquittoVersion && !opts.config) throw new UsageError('--mosquitto-version goes with --config (scan) or lint');
  const specs: TargetSpec[] = args.map((a) => parseTarget(a));
  if (opts.targetsFile) specs.push(...parseTargetsFile(displayPath(opts.targetsFile.startsWith('/') ? opts.targetsFile : `${process.cwd()}/${opts.targetsFile}`), readText(opts.targetsFile)));
  const exclude = (opts.exclude ?? []).map((e) => parseTarget(e));
  const ports = parsePorts(opts.ports);
  const tlsPorts = parsePorts(opts.tlsPorts, '--tls-ports');
  const wsPorts = opts.wsPorts ? parsePorts(opts.wsPorts, '--ws-ports') : [];
  // WebSocket ports are probed on every address too, whether or not --ports names them.
  for (const p of wsPorts) if (!ports.includes(p)) ports.push(p);
  if (opts.password !== undefined && opts.username === undefined) throw new UsageError('--password needs --username');
  if (!!opts.cert !== !!opts.key) throw new UsageError('--cert and --key go together');
  const tls = { ca: readPem(opts.cafile, '--cafile'), cert: readPem(opts.cert, '--cert'), key: readPem(opts.key, '--key') };
  const credentials = opts.credentials ? readCredentials(opts.credentials) : undefined;
  // --config: the configuration to compare with the wire; its listeners' ports are probed too.
  const config = opts.config ? oneConfig(opts.config, opts.root, opts.mosquittoVersion) : undefined;
  if (config) {
    for (const l of config.configs[0]?.model.listeners ?? []) {
      if (!isNetworkListener(l)) continue;
      if (!ports.includes(l.port)) ports.push(l.port);
      if (l.tls && !tlsPorts.includes(l.port)) tlsPorts.push(l.port);
    }
  }
  // --dry-run sends nothing: it counts any range, --max-hosts or not (it says when a scan would need it raised).
  const set = await buildTargetSet(specs, { ports, tlsPorts, wsPorts, exclude, maxHosts: opts.dryRun ? Number.MAX_SAFE_INTEGER : opts.maxHosts, shard: opts.shard, sequential: opts.sequential });

  if (opts.dryRun) {
    const over = set.addresses > BigInt(opts.maxHosts);
    const text = opts.format === 'json'
      ? `${JSON.stringify({ probes: Number(set.probeCount), addresses: Number(set.addresses), ports, ...(over ? { needsMaxHosts: Number(set.addresses) } : {}), ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}`, allProbes: Number(set.totalProbes) } : {}) })}\n`
      : `${set.probeCount} probes (${set.addresses} addresses × ports ${ports.join(',')}${opts.shard ? `; shard ${opts.shard.index}/${opts.shard.count} of ${set.totalProbes}` : ''})${over ? `; a scan needs --max-hosts ${set.addresses} (the limit is ${opts.maxHosts})` : ''}\n`;
    if (!opts.quiet) io().stdout.write(text);
    return 0;
  }

  // Loaded only now: a --dry-run never pays for MQTT.js and the probes.
  const { runScan } = await import('../../probe/scan.js');
  const { Trace } = await import('../../probe/trace.js');
  if (opts.trace) checkOutputDir(opts.trace);
  const trace = opts.trace ? new Trace(opts.trace, !!opts.showPayloads) : undefined;
  const progress = scanProgress(Number(set.probeCount), opts);
  const scanned = runScan(
    set,
    {
      concurrency: opts.concurrency,
      rate: opts.rate,
      perHost: opts.perHost,
      timeoutMs: opts.timeout,
      listenMs: Math.round(opts.listen * 1000),
      maxMessages: opts.maxMessages,
      showPayloads: !!opts.showPayloads,
      intrusive: !!opts.intrusive,
      username: opts.username,
      password: opts.password,
      credentials,
      credentialPauseMs: CREDENTIAL_PAUSE_MS,
      tls,
      trace,
    },
    (c) => progress.update(c),
  );
  let targets: Awaited<typeof scanned>['targets'];
  let counts: Awaited<typeof scanned>['counts'];
  try {
    ({ targets, counts } = await scanned);
    trace?.close();
  } catch (e) {
    trace?.abort();
    throw e;
  } finally {
    progress.stop();
  }

  // The rules that can say something about this run: those found by scan, and with --config those found by lint.
  const rules = selected.filter((r) => r.foundBy.includes('scan') || (config && r.foundBy.includes('lint')));
  const origins = new Map<(typeof targets)[number], Origin>();
  for (const t of targets) {
    const o = set.originOf(t.host);
    if (o) origins.set(t, o);
  }
  const scan: ScanFacts = { targets, origins, namedHosts: new Set(targets.filter((t) => set.isNamed(t.host)).map((t) => t.host)) };
  const settings = { now: new Date(), expiryDays: opts.expiryDays, adminUsers: [], tlsProfile: opts.tlsProfile, knownRuleIds: new Set(catalog.rules.map((r) => r.id)) };
  const result = audit('scan', [{ scan, ...(config ? { config } : {}) }], rules, settings, { version, startedAt, frameworks: prepared.frameworks });
  result.probes = { total: counts.done, open: counts.open, closed: counts.closed, filtered: counts.filtered, notMqtt: counts.notMqtt, error: counts.error, brokers: counts.brokers };
  return finish(result, catalog, rules, opts, prepared);
}
