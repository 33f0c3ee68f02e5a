/** @fileoverview Rule ids and the selectors that name several at once (suppression comments, --enable, --disable). */

/**
 * True when a selector covers a rule id: the id itself, or a prefix ending in a dot (`tls.`) or a hyphen
 * (`conf.max-`), as README.md ("Suppressing a finding") says.
 */
export function coversRule(id: string, ruleId: string): boolean {
  return id === ruleId || ((id.endsWith('.') || id.endsWith('-')) && ruleId.startsWith(id));
}
