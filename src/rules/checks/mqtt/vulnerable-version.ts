/**
 * @fileoverview The broker's product and version (from $SYS) fall in known vulnerable ranges (rules/data/vulnerable-versions.yaml).
 * A version string proves nothing about patches: the finding says it is version-based, and when a distribution build
 * reporting the same version carries the fixes (Debian backports), it says so and drops to low (docs/vulnerable-versions.md).
 */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';
import { compareVersions, vulnerabilitiesOf } from '../../vulnerable-versions.js';

const RANK = ['critical', 'high', 'medium', 'low'] as const;

export const check: Check = {
  *target({ t, origin }) {
    const p = t.mqtt?.product;
    if (!p?.version) return;
    const found = vulnerabilitiesOf(p.name, p.version);
    if (found.length === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    const worst = RANK.find((r) => found.some((v) => v.severity === r))!;
    // Distribution builds that report this very version and carry fixes for these CVEs.
    const builds = new Map<string, string[]>();
    for (const v of found) for (const b of v.backported ?? []) if (b.reports === p.version) builds.set(`${b.distribution} ${b.build}`, [...(builds.get(`${b.distribution} ${b.build}`) ?? []), v.id]);
    const [build, fixes] = [...builds].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    const allBackported = fixes !== undefined && fixes.length === found.length;
    const n = found.length;
    yield {
      ...hit,
      data: {
        endpoint,
        product: p.name,
        version: p.version,
        vulns: `${n} known vulnerabilit${n === 1 ? 'y' : 'ies'}`,
        ids: found.map((v) => v.id).join(', '),
        fixedIn: found.map((v) => v.fixedIn).sort((a, b) => compareVersions(b, a))[0],
        build: build ?? '',
        backportNote: build && !allBackported ? `; ${build} reports the same version and fixes ${fixes!.join(', ')}` : '',
      },
      variant: allBackported ? 'backported' : worst === 'high' ? undefined : worst,
      key: `${p.name} ${p.version}`,
      evidence: {
        ...hit.evidence,
        product: p.name,
        version: p.version,
        basis: 'version string',
        ...(build ? { backportedIn: build, backportedFixes: fixes } : {}),
        vulnerabilities: found.map(({ id, severity, fixedIn, summary, source }) => ({ id, severity, fixedIn, summary, source })),
      },
    };
  },
};
