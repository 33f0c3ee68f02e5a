/** @fileoverview Which mosquitto a configuration is for: --mosquitto-version, else an image tag beside it, else the default (docs/lint.md, "Mosquitto versions"). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_VERSION, releaseLine } from '../common/versions.js';
import { gitTop } from './paths.js';
import type { VersionFact } from '../model/config.js';

/** Files that name the image a config is deployed with: compose files, Dockerfiles, Helm values. */
const DEPLOY_FILE = /^((docker-)?compose[\w.-]*\.ya?ml|Dockerfile[\w.-]*|[\w.-]*\.Dockerfile|values[\w.-]*\.ya?ml|Containerfile)$/i;
/** `eclipse-mosquitto:2.0.18`, `docker.io/eclipse-mosquitto:1.6.15-openssl`. */
const IMAGE_TAG = /(?:^|[\s"'=/])eclipse-mosquitto:v?(\d+(?:\.\d+){0,2})(?![\d.])/;
const HELM_REPO = /^\s*repository:\s*["']?(?:[\w.-]+\/)*eclipse-mosquitto["']?\s*$/;
const HELM_TAG = /^\s*tag:\s*["']?v?(\d+(?:\.\d+){0,2})["']?\s*$/;
const MAX_DEPLOY_FILE = 1 << 20;

/**
 * The version a config is judged for. `option` is what --mosquitto-version gave (already checked). Otherwise the
 * nearest deploy file in the config's folder or a parent, up to `top` (the repository root), that names an
 * eclipse-mosquitto image with a version tag decides.
 */
export function versionFor(mainAbs: string, option: string | undefined, top: string | undefined): VersionFact {
  if (option !== undefined) {
    const version = releaseLine(option);
    if (version) return { version, label: option, source: 'option' };
  }
  const found = detect(mainAbs, top);
  if (found) return found;
  return { version: DEFAULT_VERSION, label: DEFAULT_VERSION, source: 'default' };
}

/** How many folders above a config lint looks when it knows no repository root (no --root, not in git). */
const LEVELS_WITHOUT_ROOT = 2;

function detect(mainAbs: string, top: string | undefined): VersionFact | undefined {
  // A file argument: the git work tree it sits in is the repository; outside git, the config's folder and two above
  // (docker-compose.yml next to mosquitto/config/mosquitto.conf).
  let stop = top ?? gitTop(mainAbs);
  if (stop === undefined) {
    stop = dirname(resolve(mainAbs));
    for (let i = 0; i < LEVELS_WITHOUT_ROOT; i++) stop = dirname(stop);
  }
  stop = resolve(stop);
  let dir = dirname(resolve(mainAbs));
  // Only folders inside the repository: a config outside `top` looks beside itself only.
  const inside = !relative(stop, dir).startsWith('..');
  for (;;) {
    for (const f of deployFiles(dir)) {
      const hit = readTag(f);
      if (hit) return hit;
    }
    if (!inside || dir === stop) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function deployFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => DEPLOY_FILE.test(n)).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function readTag(file: string): VersionFact | undefined {
  let lines: string[];
  try {
    if (!statSync(file).isFile() || statSync(file).size > MAX_DEPLOY_FILE) return undefined;
    lines = readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*#/.test(lines[i])) continue;
    const m = IMAGE_TAG.exec(lines[i]);
    if (m && releaseLine(m[1])) return fact(m[1], file, i, `eclipse-mosquitto:${m[1]}`);
    if (HELM_REPO.test(lines[i])) {
      // Helm values: `repository: eclipse-mosquitto` with its `tag:` a few lines before or after, in the same block.
      for (let j = Math.max(0, i - 4); j < Math.min(lines.length, i + 5); j++) {
        const t = HELM_TAG.exec(lines[j]);
        if (t && releaseLine(t[1])) return fact(t[1], file, j, `eclipse-mosquitto tag ${t[1]}`);
      }
    }
  }
  return undefined;
}

function fact(label: string, path: string, index: number, text: string): VersionFact {
  return { version: releaseLine(label)!, label, source: 'detected', evidence: { path, line: index + 1, text } };
}
