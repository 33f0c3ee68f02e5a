/** @fileoverview The shared vocabulary of mqtt-audit: findings, results, rules. Types only, no logic. */
import type { FileEntry } from './config.js';
import type { TargetFacts } from './wire.js';

/** Finding severities, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** A position in a file; path is relative to the working directory, line and column are 1-based. */
export interface Location {
  path: string;
  line: number;
  column?: number;
  endColumn?: number;
  /** The text of the line (secrets masked), for reports that show the offending line. */
  snippet?: string;
}

/** What a check yields: where, what to put in the message, and an optional variant of the rule. */
export interface Hit {
  /** A file location; network hits carry `target` and, when a --targets-file line named it, that line. */
  at?: Location;
  data?: Record<string, string | number | boolean | undefined>;
  /** Selects `variants.<name>` of the rule (a different severity or message), never a severity itself. */
  variant?: string;
  /** Stable key for the fingerprint; defaults to the text of the located line. */
  key?: string;
  /** For rules that group repeated findings: hits of one file merge only with the same variant and this kind. */
  group?: string;
  evidence?: Record<string, unknown>;
  target?: { host: string; port: number };
}

/** How a finding compares with the baseline. */
export type BaselineState = 'new' | 'unchanged' | 'absent';

/** One finding, exactly as the JSON result contract has it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  target?: { host: string; port: number };
  location?: Location;
  /** The other lines of a finding repeated in one file (docs/lint.md, "Repeated findings"); SARIF relatedLocations. */
  related?: (Location & { message: string })[];
  evidence?: Record<string, unknown>;
  fingerprint: string;
  baselineState?: BaselineState;
  suppressed?: { kind: 'inline' | 'file'; reason: string; expires?: string };
}


/** A probed (host, port) as the JSON result holds it. */
export type TargetResult = TargetFacts;

/** The machine contract: what `--format json` prints. */
export interface Result {
  tool: { name: 'mqtt-audit'; version: string };
  command: 'scan' | 'lint' | 'report';
  startedAt: string;
  finishedAt: string;
  targets: TargetResult[];
  files: FileEntry[];
  findings: Finding[];
  /** scan only: how the probes ended; closed and filtered ports of ranges are counted here, not listed. */
  probes?: { total: number; open: number; closed: number; filtered: number; notMqtt: number; error: number; brokers: number };
  summary: Record<Severity, number>;
  /** Present when --compliance asked for frameworks. */
  compliance?: ComplianceResult[];
}

/** A condition of a declarative rule (the closed `when:` vocabulary). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      fact: string;
      equals?: string | number | boolean;
      in?: (string | number | boolean)[];
      notIn?: (string | number | boolean)[];
      matches?: string;
      lt?: number;
      lte?: number;
      gt?: number;
      gte?: number;
      exists?: boolean;
    };

/**
 * What a rule iterates over; the engine walks the facts and calls the rule once per subject (docs/ARCHITECTURE.md).
 * Declarative rules (and rule packs) may use config, listener, bridge, cert and target.
 */
export type SubjectKind =
  | 'config' | 'directive' | 'listener' | 'bridge'
  | 'acl' | 'acl-entry' | 'passwd' | 'passwd-entry' | 'psk' | 'dynsec'
  | 'pem' | 'file' | 'cert'
  | 'target' | 'drift'
  | 'suppression';

/** One rule, as loaded from rules/<domain>/<name>.yaml. */
export interface Rule {
  id: string;
  severity: Severity;
  securitySeverity?: number;
  title: string;
  checks: string;
  fix: string;
  foundBy: ('lint' | 'scan')[];
  tags: string[];
  cwe?: string;
  references: string[];
  message: string;
  check?: 'code';
  /** What the engine walks for this rule: one kind, or several for a code check that judges each. */
  subject: SubjectKind | SubjectKind[];
  when?: Condition;
  at?: string;
  variants?: Record<string, { severity?: Severity; message?: string }>;
  /** `per-file`: the findings of one file of the same kind are one finding with related lines (docs/lint.md, "Repeated findings"). */
  group?: 'per-file';
  deprecated?: boolean;
  /** Where the rule came from: the file it was read from and whether it is built in. */
  source: { path: string; builtin: boolean };
}

/** One control of a compliance framework (or a recommendation of the mqtt-audit Mosquitto Benchmark). */
export interface Control {
  id: string;
  title: string;
  requirement: string;
  /** Rule ids whose findings are evidence that the control is not met. */
  rules?: string[];
  /** How to check by hand what no rule can; a control without rules is manual. */
  manual?: string;
  source?: string;
  level?: 1 | 2;
  profile?: 'config' | 'network';
  rationale?: string;
  remediation?: string;
  default?: string;
  references?: string[];
}

/** A compliance framework as rules/frameworks/<id>.yaml holds it (docs/compliance.md). */
export interface Framework {
  id: string;
  title: string;
  version: string;
  source: string;
  description: string;
  mapping?: string;
  /** Headings grouping controls by id prefix (`1` for 1.1, 1.2 …). */
  sections?: { id: string; title: string }[];
  controls: Control[];
}

/** How one control stands in a run (docs/compliance.md, "Statuses"). */
export type ControlStatus = 'pass' | 'fail' | 'not-assessed' | 'manual';

/** One framework's view of a run: the `compliance` entries of the JSON result. */
export interface ComplianceResult {
  framework: { id: string; title: string; version: string; source?: string };
  controls: ComplianceControl[];
  summary: Record<ControlStatus, number>;
}

/** One control's status in a run. */
export interface ComplianceControl {
  id: string;
  title: string;
  status: ControlStatus;
  rules: string[];
  /** Fingerprints of the findings that fail it. */
  findings: string[];
  /** What the framework asks, in a line. */
  requirement?: string;
  /** What to check by hand (all of a manual control; what the rules cannot see of the others). */
  manual?: string;
  /** In a merged report: each input's own status, in input order. */
  parts?: { command: string; status: ControlStatus }[];
}

/** The rules of a run, in id order. */
export interface RuleCatalog {
  readonly rules: Rule[];
  get(id: string): Rule | undefined;
}
