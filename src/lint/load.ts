/** @fileoverview Lint inputs → facts: discover configs, follow include_dir and the files they name, parse everything. */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { KeyObject, X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import type { FileEntry } from '../model/types.js';
import { lookupKeyword, canonicalKeyword } from './keywords.js';
import { buildModel, type ConfigModel, type DirectiveSource } from './model.js';
import { parseAcl, type ParsedAcl } from './parse/acl.js';
import { readCertificates, readPrivateKey, type CertFacts, type KeyFacts } from './parse/cert.js';
import { parseConf, type ConfDirective, type ParsedConf } from './parse/conf.js';
import { parsePasswd, type ParsedPasswd } from './parse/passwd.js';
import { candidatePaths, displayPath, firstExisting, inGitWorkTree } from './paths.js';
import { describeFsError, readText, MAX_INPUT_BYTES } from './read-text.js';

/** A file a config names. */
export interface FileRef {
  keyword: string;
  d: ConfDirective;
  kind: 'passwd' | 'acl' | 'psk' | 'cert' | 'key' | 'ca' | 'crl' | 'dhparam' | 'dir';
  candidates: string[];
  /** Absolute path of the file found, if any. */
  resolved?: string;
}

/** One main config with its includes, its effective model and what it references. */
export interface ConfigUnit {
  main: ParsedConf;
  files: ParsedConf[];
  /** Every directive, in the order mosquitto reads them. */
  directives: ConfDirective[];
  model: ConfigModel;
  refs: FileRef[];
  /** include_dir lines in included files: mosquitto ignores them. */
  ignoredIncludes: ConfDirective[];
}

/** An ACL or password file with the config line that names it, if any. */
export interface RefUnit<P> {
  parsed: P;
  ref?: FileRef;
  config?: ConfigUnit;
}

/** A certificate, CA or key file named by a config. */
export interface PemUnit {
  path: string;
  ref: FileRef;
  config: ConfigUnit;
  certs?: CertFacts[];
  x509?: X509Certificate[];
  key?: KeyObject;
  keyFacts?: KeyFacts;
  /** Why the file could not be read as PEM. */
  error?: string;
}

/** The file mode of an input, and whether it is meaningful. */
export interface ModeFact {
  mode: number;
  /** False when the file sits in a git work tree (modes are not deployed) or modes are ignored. */
  checked: boolean;
}

/** Everything the lint rules see. */
export interface LintFacts {
  configs: ConfigUnit[];
  acls: RefUnit<ParsedAcl>[];
  passwds: RefUnit<ParsedPasswd>[];
  pems: PemUnit[];
  modes: Map<string, ModeFact>;
  files: FileEntry[];
  /** Text of every read file, by absolute path, for fingerprints and suppressions. */
  texts: Map<string, string[]>;
  cwd: string;
}

/** What to lint. */
export interface LintInput {
  paths: string[];
  root?: string;
  acl?: string[];
  passwd?: string[];
  fileModes?: 'auto' | 'check' | 'ignore';
  cwd?: string;
}

const REF_KINDS: Record<string, FileRef['kind']> = {
  password_file: 'passwd', acl_file: 'acl', psk_file: 'psk', certfile: 'cert', bridge_certfile: 'cert', keyfile: 'key',
  bridge_keyfile: 'key', cafile: 'ca', bridge_cafile: 'ca', crlfile: 'crl', dhparamfile: 'dhparam', capath: 'dir',
  bridge_capath: 'dir', http_dir: 'dir',
};

/**
 * Discover, read and parse the inputs, one batch of facts per main configuration (with what it names), then one for
 * the --acl/--passwd files no config names. Memory stays bounded by the largest configuration, not the repository.
 * Throws InputError for what cannot be linted.
 */
export function* lintBatches(input: LintInput): Generator<LintFacts> {
  const cwd = input.cwd ?? process.cwd();
  const root = input.root ? resolve(cwd, input.root) : undefined;
  if (root) checkDir(root, '--root');
  const show = (p: string) => displayPath(p, cwd);
  const listed = new Set<string>();
  const newFacts = (): LintFacts => ({ configs: [], acls: [], passwds: [], pems: [], modes: new Map(), files: [], texts: new Map(), cwd });
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
    addMode(facts, abs, input.fileModes);
  };

  const mains: string[] = [];
  for (const p of input.paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      throw new InputError(p, describeFsError(e));
    }
    if (st.isDirectory()) mains.push(...discoverMains(abs, root, readConf, show));
    else mains.push(abs);
  }
  const extraAcl = (input.acl ?? []).map((p) => resolve(cwd, p));
  const extraPasswd = (input.passwd ?? []).map((p) => resolve(cwd, p));
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
  for (const abs of mains) {
    const real = safeReal(abs);
    if (seenMain.has(real)) continue;
    seenMain.add(real);
    facts = newFacts();
    const unit = loadConfig(abs, root, readConf, show);
    facts.configs.push(unit);
    for (const f of unit.files) {
      facts.texts.set(f.path, f.lines);
      add(f.path, 'mosquitto.conf');
    }
    for (const ref of unit.refs) {
      if (!ref.resolved) continue;
      if (ref.kind === 'acl' && !aclSeen.has(ref.resolved)) takeAcl(ref.resolved, ref, unit);
      else if (ref.kind === 'passwd' && !pwSeen.has(ref.resolved)) takePasswd(ref.resolved, ref, unit);
      else if (ref.kind === 'cert' || ref.kind === 'key' || ref.kind === 'ca') {
        facts.pems.push(loadPem(ref as FileRef & { resolved: string }, unit));
        add(ref.resolved, ref.kind === 'key' ? 'key' : 'cert');
      } else if (ref.kind === 'psk') {
        addMode(facts, ref.resolved, input.fileModes);
      }
    }
    yield facts;
    for (const f of unit.files) confCache.delete(f.path);
  }
  facts = newFacts();
  for (const abs of extraAcl) if (!aclSeen.has(abs)) takeAcl(abs);
  for (const abs of extraPasswd) if (!pwSeen.has(abs)) takePasswd(abs);
  if (facts.acls.length || facts.passwds.length) yield facts;
}

function addMode(facts: LintFacts, abs: string, fileModes: LintInput['fileModes'] = 'auto'): void {
  if (facts.modes.has(abs)) return;
  try {
    const mode = statSync(abs).mode & 0o7777;
    const checked = fileModes === 'check' || (fileModes === 'auto' && !inGitWorkTree(abs));
    facts.modes.set(abs, { mode, checked });
  } catch {
    /* unreadable: the read itself reports it */
  }
}

function checkDir(dir: string, what: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(dir, `${what} is not a directory`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(dir, `${what}: ${describeFsError(e)}`);
  }
}

function safeReal(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/** Read one main config and its include_dir files; build its model; resolve the files it names. */
function loadConfig(abs: string, root: string | undefined, readConf: (p: string) => ParsedConf, show: (p: string) => string): ConfigUnit {
  const main = readConf(abs);
  const files = [main];
  const directives: ConfDirective[] = [];
  const ignoredIncludes: ConfDirective[] = [];
  const refs: FileRef[] = [];
  const mainReal = safeReal(abs);

  const source = (conf: ParsedConf, level: number): DirectiveSource => {
    const includes = new Map<ConfDirective, DirectiveSource[]>();
    for (const d of conf.directives) {
      directives.push(d);
      const key = canonicalKeyword(d.keyword);
      if (key === 'include_dir') {
        if (level > 0) {
          ignoredIncludes.push(d);
          continue;
        }
        const cands = candidatePaths(d.value, conf.path, root);
        const dir = firstExisting(cands);
        refs.push({ keyword: key, d, kind: 'dir', candidates: cands, resolved: dir });
        if (!dir) continue;
        const list: DirectiveSource[] = [];
        for (const f of includeDirFiles(dir, show(dir), d)) {
          if (safeReal(f) === mainReal) {
            throw new InputError(show(d.path), `include_dir ${d.value} contains this configuration itself: an include loop`, d.line);
          }
          const inc = readConf(f);
          files.push(inc);
          list.push(source(inc, level + 1));
        }
        includes.set(d, list);
        continue;
      }
      const kind = REF_KINDS[key];
      if (kind && lookupKeyword(d.keyword) && d.value !== '') {
        const cands = candidatePaths(d.value, conf.path, root);
        refs.push({ keyword: key, d, kind, candidates: cands, resolved: firstExisting(cands) });
      }
    }
    return { directives: conf.directives, includes };
  };
  const src = source(main, 0);
  return { main, files, directives, model: buildModel(src), refs, ignoredIncludes };
}

/** The files include_dir loads: `*.conf` with a name longer than 5, non-recursive, A before a before B (HARDENING.md §1.1). */
export function includeDirFiles(dir: string, shown: string, d: ConfDirective): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new InputError(shown, `include_dir: ${describeFsError(e)}`, d.line);
  }
  return names
    .filter((n) => n.endsWith('.conf') && n.length > 5)
    .sort((a, b) => {
      const la = a.toLowerCase();
      const lb = b.toLowerCase();
      return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    })
    .map((n) => join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
}

/** Recursively find the main mosquitto configs under a directory: `.conf` files that are neither included nor ACL/password files. */
function discoverMains(dir: string, root: string | undefined, readConf: (p: string) => ParsedConf, show: (p: string) => string): string[] {
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
        const inc = firstExisting(candidatePaths(d.value, p, root));
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
  const known = ds.filter((d) => lookupKeyword(d.keyword)).length;
  return known > 0 && known * 2 >= ds.length;
}

function loadPem(ref: FileRef & { resolved: string }, config: ConfigUnit): PemUnit {
  const u: PemUnit = { path: ref.resolved, ref, config };
  let text: string;
  try {
    const buf = readFileSync(ref.resolved);
    if (buf.length > MAX_INPUT_BYTES) throw new Error('file is too large');
    text = buf.toString('latin1');
  } catch (e) {
    u.error = describeFsError(e);
    return u;
  }
  try {
    if (ref.kind === 'key') {
      const k = readPrivateKey(text);
      u.key = k.key;
      u.keyFacts = k.facts;
    } else {
      const certs = readCertificates(text);
      u.x509 = certs.map((c) => c.cert);
      u.certs = certs.map((c) => c.facts);
    }
  } catch (e) {
    u.error = (e as Error).message.replace(/^error:[0-9A-F]+:/, '');
  }
  return u;
}

