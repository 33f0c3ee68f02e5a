/** @fileoverview What checks and declarative rules see: the facts, the clock and thresholds, and how to locate a line. */
import type { LintFacts } from '../lint/load.js';
import type { TargetFacts } from '../probe/run-probe.js';
import type { ConfDirective } from '../lint/parse/conf.js';
import { displayPath } from '../lint/paths.js';
import type { Hit, Location, SubjectKind } from '../model/types.js';
import type { Facts } from './match.js';

/** Thresholds and allow-lists that rules read. */
export interface RuleSettings {
  now: Date;
  expiryDays: number;
  /** ACL users allowed to read `#` (admin, bridge and monitoring accounts). */
  adminUsers: string[];
}

/** One item a declarative rule iterates over. */
export interface Subject {
  facts: Facts;
  anchor: Location;
  /** Where an option fact (`option.x`) was set, when it was. */
  locate(fact: string): Location | undefined;
}

/** The input to every check. */
export interface RuleContext extends RuleSettings {
  lint?: LintFacts;
  /** What a scan found, target by target. */
  scan?: { targets: TargetFacts[] };
  subjects(kind: SubjectKind): Subject[];
  /** The location of a directive: its file (relative to cwd), line and the columns of keyword..value. */
  loc(d: ConfDirective): Location;
  /** A location in any input file, by absolute path. */
  fileLoc(abs: string, line?: number, column?: number): Location;
}

/** A check: a pure generator of hits over the context. */
export type Check = (ctx: RuleContext) => Iterable<Hit>;

/** Locate a directive relative to cwd. */
export function directiveLocation(d: ConfDirective, cwd: string): Location {
  return { path: displayPath(d.path, cwd), line: d.line, column: d.col, endColumn: (d.value ? d.valueCol + d.value.length : d.col + d.keyword.length) };
}
