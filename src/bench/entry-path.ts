import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled entry `name` (e.g. "client-worker") to fork: always the per-file build's
 * dist/bench/NAME.js, since forked processes run plain JS. This module may run from dist/bench
 * itself, from a chunk of the bundled command (dist/chunks), or from src (the tests); the package
 * root is the nearest folder up with a package.json in every case.
 */
export function benchEntry(name: string): string {
  const file = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'dist', 'bench', `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  return file;
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
