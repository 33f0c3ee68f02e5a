/** @fileoverview What a check sees besides its subject: the rule settings (clock, thresholds, profile) and how to name places. */
import type { ConfDirective } from '../model/config.js';
import type { Hit, Location, SubjectKind } from '../model/types.js';
import type { ProfileName } from './policy/tls-profiles.js';
import type { Subjects } from './subjects.js';

/** Thresholds, allow-lists and policy choices that rules read (never how to probe). */
export interface RuleSettings {
  now: Date;
  /** tls.cert-expiring fires within this many days (--expiry-days). */
  expiryDays: number;
  /** ACL users allowed to read `#` (admin, bridge and monitoring accounts). */
  adminUsers: string[];
  /** The Mozilla profile TLS servers are judged against (--tls-profile). */
  tlsProfile: ProfileName;
  /** Every rule id of the run's catalogue (built-in and --rules packs), enabled or not; the built-in ones when absent. */
  knownRuleIds?: ReadonlySet<string>;
}

/** The defaults of the rule settings, as the CLI documents them. */
export const DEFAULT_SETTINGS: Omit<RuleSettings, 'now'> = { expiryDays: 30, adminUsers: [], tlsProfile: 'intermediate' };

/** The input to every check besides its subject. */
export interface CheckContext extends RuleSettings {
  /** The working directory paths are shown relative to. */
  cwd: string;
  /** The location of a directive: its file (relative to cwd), line and the columns of keyword..value. */
  loc(d: ConfDirective): Location;
  /** A location in any input file, by absolute path. */
  fileLoc(abs: string, line?: number, column?: number): Location;
  /** A path as users see it (relative to cwd). */
  show(abs: string): string;
}

/** A code check: one visitor per subject kind it judges, each a pure generator of hits (ESLint's visitors). */
export type Check = { [K in SubjectKind]?: (subject: Subjects[K], ctx: CheckContext) => Iterable<Hit> };
