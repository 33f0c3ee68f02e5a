/** @fileoverview The broker's product and version (from $SYS) carry known vulnerabilities (rules/data/vulnerable-versions.yaml). */
import type { Check } from '../../context.js';
import { targetHit } from '../../hits.js';
import { vulnerabilitiesOf } from '../../vulnerable-versions.js';

const RANK = ['critical', 'high', 'medium', 'low'] as const;

export const check: Check = {
  *target({ t, origin }) {
    const p = t.mqtt?.product;
    if (!p?.version) return;
    const found = vulnerabilitiesOf(p.name, p.version);
    if (found.length === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    const worst = RANK.find((r) => found.some((v) => v.severity === r))!;
    yield {
      ...hit,
      data: { endpoint, product: p.name, version: p.version, count: found.length, ids: found.map((v) => v.id).join(', '), fixedIn: found.map((v) => v.fixedIn).sort((a, b) => (a < b ? 1 : -1))[0] },
      variant: worst === 'high' ? undefined : worst,
      key: `${p.name} ${p.version}`,
      evidence: { ...hit.evidence, product: p.name, version: p.version, vulnerabilities: found.map(({ id, severity, fixedIn, summary, source }) => ({ id, severity, fixedIn, summary, source })) },
    };
  },
};
