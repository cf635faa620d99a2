import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, without Node's recursive mkdir: that one loops for ever where a directory can be
 * neither found nor made (a path under /proc answers ENOENT to mkdir and EEXIST to its parent's).
 * Each missing directory, from the deepest path that exists down, is made once, with `mode`
 * (owner only, by default: history is nobody else's to read); directories that were there are
 * left as they are. A file where a directory should be, or the first mkdir that fails, is thrown,
 * naming the path.
 */
export function ensureDir(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) {
    missing.push(at);
    at = dirname(at);
  }
  if (!statSync(at).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, '${at}'`), { code: 'ENOTDIR' });
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, { mode });
    } catch (error) {
      // Made meanwhile by someone else: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
