/** @fileoverview Lint inputs → configuration facts, one batch per main configuration: discover, read, parse, follow what each config names. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../common/errors.js';
import { displayPath } from '../common/paths.js';
import { describeFsError, readText } from '../common/read-text.js';
import type { ConfigFacts, ConfigUnit, FileRef, ParsedConf } from '../model/config.js';
import type { FileEntry } from '../model/config.js';
import { loadConfig } from './config-unit.js';
import { discoverMains, inputKind } from './discover.js';
import { addMode } from './modes.js';
import { parseAcl } from './parse/acl.js';
import { parseConf } from './parse/conf.js';
import { parseDynsec } from './parse/dynsec.js';
import { parsePasswd } from './parse/passwd.js';
import { parsePsk } from './parse/psk.js';
import { parseSuppressions } from './parse/suppressions.js';
import { safeReal } from './paths.js';
import { loadPem } from './pem.js';
import { versionFor } from './version.js';

/** What to lint. */
export interface LintInput {
  paths: string[];
  root?: string;
  acl?: string[];
  passwd?: string[];
  fileModes?: 'auto' | 'check' | 'ignore';
  cwd?: string;
  /** --mosquitto-version as given (checked by the CLI); absent: detected from the repository, else the default. */
  mosquittoVersion?: string;
}

/**
 * Discover, read and parse the inputs, one batch of facts per main configuration (with what it names), then one for
 * the --acl/--passwd files no config names. Memory stays bounded by the largest configuration, not the repository.
 * Throws InputError for what cannot be linted.
 */
export function* lintBatches(input: LintInput): Generator<ConfigFacts> {
  const cwd = input.cwd ?? process.cwd();
  const root = input.root ? resolve(cwd, input.root) : undefined;
  if (root) checkDir(root, '--root');
  const show = (p: string) => displayPath(p, cwd);
  const listed = new Set<string>();
  const newFacts = (): ConfigFacts => ({ configs: [], acls: [], passwds: [], psks: [], dynsecs: [], pems: [], modes: new Map(), files: [], texts: new Map(), suppressions: [], cwd });
  // The suppression comments of every file read for a batch, parsed once the batch is complete.
  const done = (f: ConfigFacts): ConfigFacts => ({ ...f, suppressions: [...f.texts].flatMap(([abs, lines]) => parseSuppressions(abs, lines, show(abs))) });
  let facts = newFacts();
  const confCache = new Map<string, ParsedConf>();
  const readConf = (abs: string): ParsedConf => {
    let c = confCache.get(abs);
    if (!c) {
      c = parseConf(abs, readText(abs, show(abs)));
      confCache.set(abs, c);
    }
    return c;
  };
  const add = (abs: string, kind: FileEntry['kind']) => {
    if (!listed.has(abs)) {
      listed.add(abs);
      facts.files.push({ path: show(abs), kind });
    }
    addMode(facts.modes, abs, input.fileModes);
  };

  // Each main config with the root its absolute paths are looked up under: --root, else the directory argument it was
  // found in (a directory argument is a repository: docs/lint.md, "Linting a repository"), else none (the host's paths).
  const mains: { abs: string; root?: string }[] = [];
  const extraAcl = (input.acl ?? []).map((p) => resolve(cwd, p));
  const extraPasswd = (input.passwd ?? []).map((p) => resolve(cwd, p));
  for (const p of input.paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      throw new InputError(p, describeFsError(e));
    }
    if (st.isDirectory()) {
      const repoRoot = root ?? abs;
      for (const m of discoverMains(abs, repoRoot, readConf, show)) mains.push({ abs: m, root: repoRoot });
    } else {
      // A file named on the command line is a mosquitto.conf unless its lines say it is an ACL or password file (linted
      // as with --acl/--passwd, so no secret is echoed as an unknown keyword) or a PSK or JSON file (refused).
      const kind = inputKind(readConf(abs));
      if (kind === 'acl') extraAcl.push(abs);
      else if (kind === 'passwd') extraPasswd.push(abs);
      else if (kind === 'psk') throw new InputError(p, 'looks like a psk_file (identity:hexkey lines): lint the mosquitto.conf that names it');
      else if (kind === 'json') throw new InputError(p, 'is JSON, not a mosquitto configuration (a dynamic-security file?): lint the mosquitto.conf that loads it');
      else mains.push({ abs, root });
    }
  }
  if (mains.length === 0 && extraAcl.length === 0 && extraPasswd.length === 0) {
    throw new InputError(input.paths.join(', ') || '.', 'no mosquitto configuration found (looked for *.conf files with mosquitto keywords)');
  }

  const seenMain = new Set<string>();
  const aclSeen = new Set<string>();
  const pwSeen = new Set<string>();
  // An ACL or password file is linted once, with the first config that names it.
  const takeAcl = (abs: string, ref?: FileRef, config?: ConfigUnit) => {
    aclSeen.add(abs);
    const u = { parsed: parseAcl(abs, readText(abs, show(abs))), ref, config };
    facts.acls.push(u);
    facts.texts.set(abs, u.parsed.lines);
    add(abs, 'acl');
  };
  const takePasswd = (abs: string, ref?: FileRef, config?: ConfigUnit) => {
    pwSeen.add(abs);
    const u = { parsed: parsePasswd(abs, readText(abs, show(abs))), ref, config };
    facts.passwds.push(u);
    facts.texts.set(abs, u.parsed.lines);
    add(abs, 'passwd');
  };
  for (const { abs, root: mainRoot } of mains) {
    const real = safeReal(abs);
    if (seenMain.has(real)) continue;
    seenMain.add(real);
    facts = newFacts();
    const unit = loadConfig(abs, mainRoot, readConf, show, versionFor(abs, input.mosquittoVersion, mainRoot));
    facts.configs.push(unit);
    for (const f of unit.files) {
      facts.texts.set(f.path, f.lines);
      add(f.path, 'mosquitto.conf');
    }
    const entry = facts.files.find((e) => e.path === show(unit.main.path));
    const v = unit.version;
    // `2` or `2.2` are judged as a release line lint models: say which (`2 (as 2.0)`).
    const shown = v.label === v.version || v.label.startsWith(`${v.version}.`) ? v.label : `${v.label} (as ${v.version})`;
    if (entry) entry.mosquitto = { version: shown, source: v.source, ...(v.evidence ? { evidence: `${show(v.evidence.path)}:${v.evidence.line} (${v.evidence.text})` } : {}) };
    for (const ref of unit.refs) {
      if (!ref.resolved) continue;
      if (ref.kind === 'acl' && !aclSeen.has(ref.resolved)) takeAcl(ref.resolved, ref, unit);
      else if (ref.kind === 'passwd' && !pwSeen.has(ref.resolved)) takePasswd(ref.resolved, ref, unit);
      else if (ref.kind === 'cert' || ref.kind === 'key' || ref.kind === 'ca') {
        facts.pems.push(loadPem(ref as FileRef & { resolved: string }, unit));
        add(ref.resolved, ref.kind === 'key' ? 'key' : 'cert');
      } else if (ref.kind === 'psk') {
        const parsed = parsePsk(ref.resolved, readText(ref.resolved, show(ref.resolved)));
        facts.psks.push({ parsed, ref, config: unit });
        facts.texts.set(ref.resolved, parsed.lines);
        add(ref.resolved, 'key'); // key material: listed as a key file (the JSON result's kinds)
      } else if (ref.kind === 'dynsec') {
        const parsed = parseDynsec(ref.resolved, readText(ref.resolved, show(ref.resolved)));
        facts.dynsecs.push({ parsed, ref, config: unit });
        facts.texts.set(ref.resolved, parsed.lines);
        add(ref.resolved, 'passwd'); // logins and password hashes: listed as a password file
      }
    }
    yield done(facts);
    for (const f of unit.files) confCache.delete(f.path);
  }
  facts = newFacts();
  for (const abs of extraAcl) if (!aclSeen.has(abs)) takeAcl(abs);
  for (const abs of extraPasswd) if (!pwSeen.has(abs)) takePasswd(abs);
  if (facts.acls.length || facts.passwds.length) yield done(facts);
}

function checkDir(dir: string, what: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(dir, `${what} is not a directory`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(dir, `${what}: ${describeFsError(e)}`);
  }
}
