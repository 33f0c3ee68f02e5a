/** @fileoverview Known vulnerable broker versions (rules/data/vulnerable-versions.yaml): read offline, matched by product and version. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../common/package.js';

/** One known vulnerability. */
export interface KnownVulnerability {
  id: string;
  product: string;
  affected: { from: string; to: string };
  fixedIn: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  summary: string;
  source: string;
  /** Distribution builds that report an affected upstream version but carry the fix. */
  backported?: { distribution: string; build: string; reports: string; source: string }[];
}

/** The data file. */
export const VULNERABLE_VERSIONS = join(PACKAGE_ROOT, 'rules', 'data', 'vulnerable-versions.yaml');

let cache: KnownVulnerability[] | undefined;

/** Read the data file (once). */
export function knownVulnerabilities(): KnownVulnerability[] {
  cache ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(readFileSync(VULNERABLE_VERSIONS, 'utf8')) as KnownVulnerability[];
  return cache;
}

/** Compare dotted versions numerically (1.5 = 1.5.0 < 1.5.10). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The known vulnerabilities of a product version. */
export function vulnerabilitiesOf(product: string, version: string, list = knownVulnerabilities()): KnownVulnerability[] {
  if (!/^\d+(\.\d+)*$/.test(version)) return [];
  return list.filter((v) => v.product === product && compareVersions(version, v.affected.from) >= 0 && compareVersions(version, v.affected.to) <= 0);
}
