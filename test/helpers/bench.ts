import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { liveChildren } from '../../src/bench/child.js';
import type { BenchIo } from '../../src/commands/bench.js';

/** Bench output collected as text instead of printed. */
export function captureBenchIo(): BenchIo & { text: () => string } {
  let out = '';
  const sink = { isTTY: false, write: (t: string) => ((out += t), true) };
  return { stdout: sink, stderr: { isTTY: false, write: () => true }, colour: false, setExitCode: false, text: () => out };
}

/** No server, worker, load generator or redis-server the bench started is left running. */
export function expectNoBenchChildren(): void {
  expect(liveChildren()).toBe(0);
  let ps = '';
  try {
    ps = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when no process matched: no children at all.
  }
  expect(ps).not.toContain('dist/bench/');
  expect(ps).not.toContain('redis-server');
}
