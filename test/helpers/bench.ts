import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { liveChildren } from '../../src/bench/processes/child.js';
import type { RunFigures } from '../../src/bench/figures/run-figures.js';
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

/** Each message sent reached each of the run's clients once, and nothing else was counted. */
export function expectEveryMessageOnce(r: RunFigures): void {
  expect(r.sent, `${r.transport}@${r.clients} sent`).toBeGreaterThan(0);
  expect(r.messages).toBe(r.sent);
  expect(r.deliveries).toBe(r.messages * r.clients);
  expect(r.expectedDeliveries).toBe(r.deliveries);
  expect(r.missing).toBe(0);
  expect(r.duplicates).toBe(0);
  expect(r.unacked).toBe(0);
  expect(r.latencyHistogram.count).toBe(r.deliveries);
}
