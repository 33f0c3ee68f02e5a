/** @fileoverview Suppression comments applied to findings (the comments themselves are facts: src/lint/parse/suppressions.ts). */
import type { Suppression } from '../model/config.js';
import type { Finding } from '../model/types.js';
import { coversRule } from '../common/rule-ids.js';

/** Mark suppressed findings; a suppression past its exp date no longer applies. Paths are as findings show them. */
export function applySuppressions(findings: Finding[], sups: Suppression[], now: Date): void {
  const today = now.toISOString().slice(0, 10);
  for (const f of findings) {
    if (!f.location) continue;
    const s = sups.find(
      (x) => x.path === f.location!.path && (x.kind === 'file' || x.line === f.location!.line) && x.ids.some((id) => coversRule(id, f.ruleId)) && !(x.expires && x.expires < today),
    );
    if (s) f.suppressed = { kind: s.kind, reason: s.reason, ...(s.expires ? { expires: s.expires } : {}) };
  }
}
