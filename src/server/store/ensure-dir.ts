import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, without Node's recursive mkdir: that one loops for ever where a directory can be
 * neither found nor made (a path under /proc answers ENOENT to mkdir and EEXIST to its parent's).
 * Each missing directory, from the deepest one that exists down, is made once; the first failure
 * is thrown, naming the directory.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      // Made meanwhile by someone else: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
