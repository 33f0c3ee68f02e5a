/** @fileoverview One main configuration → its unit: the files include_dir pulls in, every directive in mosquitto's order, the effective model, the files it names. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../common/errors.js';
import { canonicalKeyword, lookupKeyword } from '../common/keywords.js';
import { describeFsError } from '../common/read-text.js';
import type { ConfDirective, ConfigUnit, FileRef, ParsedConf, VersionFact } from '../model/config.js';
import { buildModel, type DirectiveSource } from './model.js';
import { candidatePaths, firstExisting, safeReal } from './paths.js';

/** The keywords whose value names a file or directory mosquitto opens, and what kind of file it is. */
export const REF_KINDS: Record<string, FileRef['kind']> = {
  password_file: 'passwd', acl_file: 'acl', psk_file: 'psk', certfile: 'cert', bridge_certfile: 'cert', keyfile: 'key',
  bridge_keyfile: 'key', cafile: 'ca', bridge_cafile: 'ca', crlfile: 'crl', dhparamfile: 'dhparam', capath: 'dir',
  bridge_capath: 'dir', http_dir: 'dir',
};

/** The dynamic-security plugin, as a plugin line names it (`/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so`). */
const DYNSEC_PLUGIN = /dynamic[_-]security[^/]*$/;

/** Read one main config and its include_dir files; build its model; resolve the files it names. */
export function loadConfig(abs: string, root: string | undefined, readConf: (p: string) => ParsedConf, show: (p: string) => string, version: VersionFact): ConfigUnit {
  const v = version.version;
  const main = readConf(abs);
  const files = [main];
  const directives: ConfDirective[] = [];
  const ignoredIncludes: ConfDirective[] = [];
  const refs: FileRef[] = [];
  const mainReal = safeReal(abs);

  const source = (conf: ParsedConf, level: number): DirectiveSource => {
    const includes = new Map<ConfDirective, DirectiveSource[]>();
    // Plugin options belong to the last plugin line of their own file (docs/lint.md, "Security settings").
    let plugin: string | undefined;
    for (const d of conf.directives) {
      directives.push(d);
      const key = canonicalKeyword(d.keyword, v);
      if (key === 'plugin' || key === 'global_plugin') plugin = d.value;
      if (d.keyword === 'plugin_opt_config_file' && plugin && DYNSEC_PLUGIN.test(plugin) && d.value !== '') {
        const cands = candidatePaths(d.value, conf.path, root);
        refs.push({ keyword: d.keyword, d, kind: 'dynsec', candidates: cands, resolved: firstExisting(cands) });
      }
      if (key === 'include_dir') {
        if (level > 0) {
          ignoredIncludes.push(d);
          continue;
        }
        const cands = candidatePaths(d.value, conf.path, root);
        const dir = firstExisting(cands, 'dir');
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
      if (kind && lookupKeyword(d.keyword, v) && d.value !== '') {
        const cands = candidatePaths(d.value, conf.path, root);
        refs.push({ keyword: key, d, kind, candidates: cands, resolved: firstExisting(cands, kind === 'dir' ? 'dir' : 'file') });
      }
    }
    return { directives: conf.directives, includes };
  };
  const src = source(main, 0);
  return { version, ...(root ? { root } : {}), main, files, directives, model: buildModel(src, v), refs, ignoredIncludes };
}

/** The files include_dir loads: `*.conf` with a name longer than 5, non-recursive, A before a before B (docs/lint.md, "include_dir"). */
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
