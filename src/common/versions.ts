/** @fileoverview Mosquitto release lines lint knows (docs/lint.md, "Mosquitto versions"): parsing `--mosquitto-version` and image tags. */
import type { MosquittoVersion } from '../model/config.js';

/** The release line assumed when neither the user nor the repository says (docs/lint.md, "Mosquitto versions"). */
export const DEFAULT_VERSION: MosquittoVersion = '2.0';

/** The release lines whose semantics lint models, oldest first. */
export const VERSIONS: readonly MosquittoVersion[] = ['1.6', '2.0', '2.1'];

/**
 * `1.6`, `1.6.15`, `2`, `2.0.18`, `2.1.2` → the release line whose semantics apply; undefined for what is not a
 * mosquitto version lint models. 1.x before 1.6 is judged as 1.6 (same anonymous and listener rules).
 */
export function releaseLine(text: string): MosquittoVersion | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  if (major === 1) return minor === undefined || minor >= 4 ? '1.6' : undefined;
  if (major === 2) return minor === undefined || minor === 0 ? '2.0' : '2.1';
  return undefined;
}

/** True when version a is at least b. */
export function atLeast(a: MosquittoVersion, b: MosquittoVersion): boolean {
  return VERSIONS.indexOf(a) >= VERSIONS.indexOf(b);
}
