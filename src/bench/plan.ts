import type { BenchTransport } from './kinds.js';

/** One measured run: a transport at a tier, in one repetition. */
export interface PlannedRun {
  readonly rep: number;
  readonly clients: number;
  readonly transport: BenchTransport;
}

/**
 * The runs in the order they happen: repetition by repetition, tier by tier, every transport of a
 * tier back to back. Every other repetition reverses the transport order, so that a machine
 * warming up or slowing down weighs on termchat and the baseline alike; the baseline stays next
 * to ws (given in that order, the default) so the pair compared as a ratio runs side by side.
 */
export function planRuns(tiers: readonly number[], transports: readonly BenchTransport[], reps: number): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? transports : [...transports].reverse();
    for (const clients of tiers) for (const transport of order) runs.push({ rep, clients, transport });
  }
  return runs;
}

/** What a run costs beyond its duration: two processes started, clients connected, the tail drained, all stopped. */
export const RUN_OVERHEAD_MS = 2500;

/** The expected wall time of `runs` runs of `durationMs` each. */
export function estimateMs(runs: number, durationMs: number, overheadMs = RUN_OVERHEAD_MS): number {
  return runs * (durationMs + overheadMs);
}

/** "3 min 45 s", "12 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${min} min`;
  if (min > 0) return s === 0 ? `${min} min` : `${min} min ${s} s`;
  return `${s} s`;
}

/** `total` split into `parts` nearly equal whole shares, larger ones first. */
export function shares(total: number, parts: number): number[] {
  const n = Math.max(1, Math.min(parts, total));
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/**
 * Client worker processes for a tier when not told: one per 100 clients, but no more than the
 * cores left once the server has one, so that workers do not take the server's core.
 */
export function defaultWorkers(clients: number, cores: number): number {
  return Math.max(1, Math.min(Math.ceil(clients / 100), cores - 1));
}
