import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled entry `name` (e.g. "client-worker") to fork. Forked processes run plain JS: from
 * dist this is the file beside this module; when this module runs from src (the tests), it is the
 * build's copy in dist/bench.
 */
export function benchEntry(name: string): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts') ? join(dirname(here), '..', '..', 'dist', 'bench', `${name}.js`) : join(dirname(here), `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  return file;
}
