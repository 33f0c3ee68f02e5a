/** @fileoverview Every command-line option as data: flags, help, default, parser and the commands that take it (ncu style). */
import { Command, InvalidArgumentError, Option } from 'commander';
import { releaseLine } from '../common/versions.js';
import { FORMATS } from '../report/index.js';

/** The formats `mqtt-audit rules` prints. */
export const RULES_FORMATS = ['text', 'json', 'markdown'] as const;

/** The commands of mqtt-audit. */
export type CommandName = 'lint' | 'rules' | 'scan' | 'report';

/** One option of the CLI. */
export interface OptionSpec {
  flags: string;
  description: string;
  default?: unknown;
  defaultText?: string;
  choices?: readonly string[];
  parse?: (value: string, previous: unknown) => unknown;
  /** Which commands take it; every command when absent. */
  commands?: CommandName[];
  env?: string;
}

const collect = (v: string, prev: unknown) => [...((prev as string[] | undefined) ?? []), v];
const collectList = (v: string, prev: unknown) => [...((prev as string[] | undefined) ?? []), ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** A positive integer option parser. */
export function positiveInt(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    return Number(v);
  };
}

/** A mosquitto release lint models: 1.x (from 1.4), 2.0.x, 2.1 and later 2.x. */
function mosquittoVersion(v: string): string {
  if (!releaseLine(v)) throw new InvalidArgumentError(`"${v}" is not a mosquitto version lint models (1.6, 2.0, 2.1, or x.y.z of those)`);
  return v;
}

/** A whole number ≥ 0. */
export function nonNegativeInt(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number (0 or more)`);
    return Number(v);
  };
}

/** A non-negative number option parser (seconds may be fractional). */
export function nonNegativeNumber(name: string) {
  return (v: string): number => {
    if (!/^\d+(\.\d+)?$/.test(v)) throw new InvalidArgumentError(`${name} must be a number of seconds`);
    return Number(v);
  };
}

/** --shard I/N, 1 ≤ I ≤ N. */
export function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError('--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/4');
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** The options, in the order --help shows them. */
export const OPTIONS: OptionSpec[] = [
  { flags: '--format <format>', description: 'what goes to stdout', choices: FORMATS, default: 'text' },
  { flags: '-o, --output <file>', description: 'also write a report file; the format comes from the extension (.json .sarif .html .md .txt, .xml for JUnit); repeatable', parse: collect },
  { flags: '--fail-on <severity>', description: 'exit 1 when a finding at or above this severity is not suppressed', choices: ['critical', 'high', 'medium', 'low', 'info', 'none'], default: 'high' },
  { flags: '--baseline <file>', description: 'an earlier .json or .sarif result: mark findings new/unchanged/absent; only new ones fail the run', commands: ['lint', 'scan', 'report'] },
  { flags: '--history <dir>', description: 'keep this run\'s JSON in DIR under a dated name and use the latest earlier one of the same command as the baseline', commands: ['lint', 'scan', 'report'] },
  { flags: '--email-to <address>', description: 'e-mail the HTML report (JSON and SARIF attached); repeatable', parse: collect, commands: ['lint', 'scan', 'report'] },
  { flags: '--email-from <address>', description: 'the sender of the e-mail (default mqtt-audit@<this host>)', commands: ['lint', 'scan', 'report'] },
  { flags: '--smtp-url <url>', description: 'the mail server: smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps://', env: 'MQTT_AUDIT_SMTP_URL', commands: ['lint', 'scan', 'report'] },
  { flags: '--rules <dir>', description: 'load an extra rule pack (declarative rule files, validated against rules/rule.schema.json); repeatable', parse: collect },
  { flags: '--enable <ids>', description: 'run only these rules (ids or prefixes such as tls.; comma-separated or repeated)', parse: collectList },
  { flags: '--disable <ids>', description: 'do not run these rules (ids or prefixes; comma-separated or repeated)', parse: collectList },
  { flags: '--compliance <id>', description: 'add a compliance view for a framework (etsi-en-303-645, iec-62443-3-3, nist-800-53, owasp-iot-2018, cra-annex-i, mosquitto-benchmark); repeatable', parse: collect, commands: ['lint', 'scan', 'report'] },
  { flags: '--fail-on-control <id>', description: 'exit 1 when this control fails: FRAMEWORK:CONTROL (etsi-en-303-645:5.1-1) or a whole FRAMEWORK; implies --compliance FRAMEWORK; repeatable', parse: collect, commands: ['lint', 'scan', 'report'] },
  { flags: '--framework <id>', description: 'list this framework\'s controls with the rules that evidence them (rules command)', commands: ['rules'] },
  { flags: '--sarif-include-suppressed', description: 'keep suppressed findings in SARIF output (GitHub does not honour SARIF suppressions)', commands: ['lint', 'scan', 'report'] },
  { flags: '--root <dir>', description: 'look up absolute paths a config names under DIR (DIR/P, then P without its deploy folder such as /etc/mosquitto/ or /mosquitto/config/, under DIR and beside the config); a directory argument is its own root', commands: ['lint', 'scan'] },
  { flags: '--mosquitto-version <x.y>', description: 'the mosquitto the configuration is for (1.6, 2.0, 2.1, or x.y.z); without it, an eclipse-mosquitto image tag in a compose file, Dockerfile or Helm values in the config\'s folder or a parent decides, else 2.0', parse: mosquittoVersion, commands: ['lint', 'scan'] },
  { flags: '--config <file>', description: 'lint this mosquitto.conf and compare it with the wire (drift.* findings at its lines); its listener ports are probed too', commands: ['scan'] },
  { flags: '--acl <file>', description: 'also lint an ACL file that no config names; repeatable', parse: collect, commands: ['lint'] },
  { flags: '--passwd <file>', description: 'also lint a password file that no config names; repeatable', parse: collect, commands: ['lint'] },
  { flags: '--acl-admin <users>', description: 'ACL users allowed to read or write # (admin, bridge, monitoring); comma-separated or repeated', parse: collectList, commands: ['lint'] },
  { flags: '--expiry-days <n>', description: 'tls.cert-expiring fires when a certificate expires within N days', default: 30, parse: positiveInt('--expiry-days'), commands: ['lint', 'scan'] },
  { flags: '--file-modes <mode>', description: 'permission rules: auto checks modes except of files git tracks (git does not keep modes; etckeeper trees are checked), check always, ignore never', choices: ['auto', 'check', 'ignore'], default: 'auto', commands: ['lint'] },
  { flags: '--targets-file <file>', description: 'read targets from a file, one a line (# comments); findings point at its lines in SARIF', commands: ['scan'] },
  { flags: '--exclude <target>', description: 'leave out an address, range, CIDR or name; repeatable', parse: collect, commands: ['scan'] },
  { flags: '--ports <list>', description: 'ports probed on every address (ranges allowed: 8000-8010)', default: '1883,8883', commands: ['scan'] },
  { flags: '--tls-ports <list>', description: 'which ports speak TLS (an mqtts:// target is TLS whatever its port)', default: '8883', commands: ['scan'] },
  { flags: '--ws-ports <list>', description: 'ports that speak MQTT over WebSockets (path /mqtt; TLS when also in --tls-ports); ws:// and wss:// targets choose their own path', commands: ['scan'] },
  { flags: '--concurrency <n>', description: 'probes in flight to start with (the window grows up to 8× while answers come in time)', default: 256, parse: positiveInt('--concurrency'), commands: ['scan'] },
  { flags: '--rate <n>', description: 'at most N new connections a second (0: unlimited; set it on production networks)', default: 0, parse: nonNegativeInt('--rate'), commands: ['scan'] },
  { flags: '--per-host <n>', description: 'at most N connections to one address at once', default: 4, parse: positiveInt('--per-host'), commands: ['scan'] },
  { flags: '--sequential', description: 'probe in address order (by default the order is random, so no subnet is hammered)', commands: ['scan'] },
  { flags: '--timeout <ms>', description: 'bound on each step: TCP connect, TLS handshake, CONNACK, SUBACK', default: 3000, parse: positiveInt('--timeout'), commands: ['scan'] },
  { flags: '--listen <sec>', description: 'how long to stay subscribed to # and $SYS/#', default: 5, parse: nonNegativeNumber('--listen'), commands: ['scan'] },
  { flags: '--max-messages <n>', description: 'stop listening on a broker after this many messages', default: 200, parse: positiveInt('--max-messages'), commands: ['scan'] },
  { flags: '--username <user>', description: 'credentials used when anonymous access is refused', commands: ['scan'] },
  { flags: '--password <password>', description: 'password for --username (or env MQTT_AUDIT_PASSWORD, which stays out of the process list)', env: 'MQTT_AUDIT_PASSWORD', commands: ['scan'] },
  { flags: '--credentials <file>', description: 'user:password lines to try where anonymous access is refused (opt-in; at most 100; a pause between tries; never printed)', commands: ['scan'] },
  { flags: '--cafile <file>', description: 'trust anchor (PEM) besides the system store', commands: ['scan'] },
  { flags: '--cert <file>', description: 'client certificate (PEM) for brokers that require one', commands: ['scan'] },
  { flags: '--key <file>', description: 'private key (PEM) of --cert', commands: ['scan'] },
  { flags: '--show-payloads', description: 'include payload samples in reports (by default: topic names, counts and sizes only)', commands: ['scan'] },
  { flags: '--intrusive', description: 'allow the publish test (mqtt.publish-allowed); without it nothing is ever published', commands: ['scan'] },
  { flags: '--max-hosts <n>', description: 'refuse a target set larger than this many addresses (exit 2) unless raised', default: 65536, parse: positiveInt('--max-hosts'), commands: ['scan'] },
  { flags: '--shard <i/n>', description: 'probe only the I-th of N deterministic slices of the target set (1-based)', parse: parseShard, commands: ['scan'] },
  { flags: '--tls-profile <profile>', description: "judge TLS targets against Mozilla's server-side TLS profile (accepted suites are found by elimination)", choices: ['modern', 'intermediate', 'old'], default: 'intermediate', commands: ['scan'] },
  { flags: '--trace <file>', description: 'write every MQTT packet sent and received as NDJSON (direction, type, size, topic; payloads only with --show-payloads; never a password)', commands: ['scan'] },
  { flags: '--dry-run', description: 'print how many (address, port) probes the targets expand to, and exit 0 (sends nothing; counts any range, --max-hosts or not)', commands: ['scan'] },
  { flags: '--quiet', description: 'print nothing but errors; report files are still written' },
  { flags: '--no-progress', description: 'no progress display on stderr' },
  { flags: '--no-color', description: 'no colour (also when NO_COLOR is set or stdout is not a terminal)' },
  { flags: '--debug', description: 'show stack traces of errors' },
];

/** Register the options a command takes. */
export function addOptions(cmd: Command, name: CommandName, formats: readonly string[] = FORMATS): void {
  for (const spec of OPTIONS) {
    if (spec.commands && !spec.commands.includes(name)) continue;
    const o = new Option(spec.flags, spec.description);
    if (spec.flags.startsWith('--format')) o.choices(formats);
    else if (spec.choices) o.choices(spec.choices);
    if (spec.parse) o.argParser(spec.parse as (v: string, p: unknown) => unknown);
    if (spec.default !== undefined) o.default(spec.default, spec.defaultText);
    if (spec.env) o.env(spec.env);
    cmd.addOption(o);
  }
}
