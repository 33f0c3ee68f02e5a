/** @fileoverview A directory → the main mosquitto configurations in it: `.conf` files that are neither included nor ACL or password files. */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../common/errors.js';
import { canonicalKeyword, versionsKnowing } from '../common/keywords.js';
import { describeFsError, MAX_INPUT_BYTES } from '../common/read-text.js';
import type { ParsedConf } from '../model/config.js';
import { candidatePaths, firstExisting, safeReal } from './paths.js';

/** Recursively find the main mosquitto configs under a directory: `.conf` files that are neither included nor ACL/password files. */
export function discoverMains(dir: string, root: string | undefined, readConf: (p: string) => ParsedConf, show: (p: string) => string): string[] {
  const confs: string[] = [];
  const visited = new Set<string>();
  const walk = (d: string) => {
    const real = safeReal(d);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new InputError(show(d), describeFsError(e));
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) walk(p);
      else if (isFile && e.name.endsWith('.conf')) confs.push(p);
    }
  };
  walk(dir);
  const candidates = confs.filter((p) => {
    try {
      if (lstatSync(p).size > MAX_INPUT_BYTES) return true; // let the read report it
    } catch {
      return false;
    }
    return looksLikeMosquitto(readConf(p));
  });
  const excluded = new Set<string>();
  for (const p of candidates) {
    const conf = readConf(p);
    for (const d of conf.directives) {
      const key = canonicalKeyword(d.keyword);
      if (key === 'include_dir') {
        const inc = firstExisting(candidatePaths(d.value, p, root), 'dir');
        if (!inc) continue;
        for (const f of safeIncludeList(inc)) if (safeReal(f) !== safeReal(p)) excluded.add(safeReal(f));
      } else if (key === 'acl_file' || key === 'password_file' || key === 'psk_file') {
        const f = firstExisting(candidatePaths(d.value, p, root));
        if (f) excluded.add(safeReal(f));
      }
    }
  }
  return candidates.filter((p) => !excluded.has(safeReal(p)));
}


function safeIncludeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.conf') && n.length > 5).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** A `.conf` is taken for a mosquitto config when most of its keywords are mosquitto's and it is not an ACL file. */
export function looksLikeMosquitto(conf: ParsedConf): boolean {
  const ds = conf.directives;
  if (ds.length === 0) return basename(conf.path) === 'mosquitto.conf';
  if (ds.every((d) => d.keyword === 'user' || d.keyword === 'topic' || d.keyword === 'pattern') && ds.some((d) => d.keyword !== 'user')) return false;
  const known = ds.filter((d) => versionsKnowing(d.keyword).length > 0).length;
  return known > 0 && known * 2 >= ds.length;
}

/** What a file named on the command line holds, judged by its lines (a mosquitto.conf unless clearly something else). */
export type InputKind = 'conf' | 'acl' | 'passwd' | 'psk' | 'json';

/**
 * Tell a mosquitto.conf from the other files people pass by mistake: an ACL file, a password or PSK file (whose lines
 * must never be echoed as unknown keywords: they hold secrets), a JSON file.
 */
export function inputKind(conf: ParsedConf): InputKind {
  if (looksLikeMosquitto(conf)) return 'conf';
  const lines = conf.lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) return 'conf';
  if (/^[{[]/.test(lines[0])) return 'json';
  if (lines.every((l) => /^(user|topic|pattern)(\s|$)/.test(l))) return 'acl';
  if (lines.every((l) => /^[^:\s][^:]*:/.test(l))) return lines.every((l) => /:(0x)?[0-9a-fA-F]*$/i.test(l)) ? 'psk' : 'passwd';
  return 'conf';
}
