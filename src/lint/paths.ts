/** @fileoverview Paths as a config names them (--root), real paths, and the git work tree a file sits in. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';


/** Folders a deployment puts mosquitto's files in (Debian, the eclipse-mosquitto image, snap, Homebrew); a repository keeps them beside the config or at its top. */
const DEPLOY_DIRS = /^\/(?:etc\/mosquitto|mosquitto\/config|mosquitto|var\/snap\/mosquitto\/common|usr\/local\/etc\/mosquitto|opt\/homebrew\/etc\/mosquitto)\//;

/**
 * Where a path named in a config is looked for. Absolute P under a root DIR (--root, or a directory argument): DIR/P,
 * then, when P starts with a deploy folder (/etc/mosquitto/, /mosquitto/config/, /var/snap/mosquitto/common/, …),
 * the rest of P under DIR and beside the config (docs/lint.md, "Linting a repository"). Relative paths are opened by
 * mosquitto against its working directory, which a repo cannot know: they are looked up beside the config, then
 * under the root.
 */
export function candidatePaths(value: string, configPath: string, root?: string): string[] {
  if (isAbsolute(value)) {
    if (!root) return [value];
    const out = [join(root, value)];
    const rest = value.replace(DEPLOY_DIRS, '');
    if (rest !== value) out.push(join(root, rest), join(dirname(configPath), rest));
    return [...new Set(out)];
  }
  const out = [resolve(dirname(configPath), value)];
  if (root) out.push(resolve(root, value));
  return out;
}

/** The first candidate that exists as the kind wanted (a file, or a directory for include_dir/capath/http_dir), or undefined. */
export function firstExisting(cands: string[], want: 'file' | 'dir' = 'file'): string | undefined {
  return cands.find((c) => {
    try {
      const st = statSync(c);
      return want === 'dir' ? st.isDirectory() : st.isFile();
    } catch {
      return false;
    }
  });
}

const topCache = new Map<string, string | null>();

/** The top of the git work tree a file sits in (the folder holding `.git`, a folder or a file), or undefined. */
export function gitTop(file: string): string | undefined {
  let dir = dirname(resolve(file));
  const seen: string[] = [];
  for (;;) {
    const cached = topCache.get(dir);
    if (cached !== undefined) return remember(seen, cached);
    seen.push(dir);
    if (existsSync(join(dir, '.git'))) return remember(seen, dir);
    const up = dirname(dir);
    if (up === dir) return remember(seen, null);
    dir = up;
  }
}

function remember(dirs: string[], top: string | null): string | undefined {
  for (const d of dirs) topCache.set(d, top);
  return top ?? undefined;
}

/** The real path of a file (links resolved), or the path itself when it cannot be resolved. */
export function safeReal(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}
