import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled entry `name` (e.g. "client-worker") to fork: always the per-file build's
 * dist/bench/processes/NAME.js, since forked processes run plain JS, and every entry lives beside
 * this module. This module may run from dist/bench/processes itself, from a chunk of the bundled
 * command (dist/chunks), or from src (the tests); the package root is the nearest folder up with
 * a package.json in every case.
 */
export function benchEntry(name: string): string {
  const file = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'dist', 'bench', 'processes', `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  return file;
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * Extra Node flags for the bench's server or worker processes, split on whitespace, from
 * TERMCHAT_BENCH_SERVER_NODE_ARGS or TERMCHAT_BENCH_WORKER_NODE_ARGS (e.g. `--cpu-prof
 * --cpu-prof-dir=out/prof`): profiling one side, not the bench, without a rebuild.
 */
export function benchNodeArgs(side: 'server' | 'worker', env: NodeJS.ProcessEnv = process.env): string[] {
  const value = side === 'server' ? env.TERMCHAT_BENCH_SERVER_NODE_ARGS : env.TERMCHAT_BENCH_WORKER_NODE_ARGS;
  return (value ?? '').split(/\s+/).filter((arg) => arg !== '');
}
