import type { BenchTransport } from './kinds.js';

/** What a run is given besides its tier and transport, where a bench compares setups. */
export interface RunSetup {
  /** --redis: termchat instances on one Redis, 1 or 2. */
  readonly instances?: 1 | 2;
  /** --rtt, --net: the round trip the relay adds, ms. */
  readonly rttMs?: number;
}

/** One measured run: a transport at a tier, in one repetition, in one setup. */
export interface PlannedRun extends RunSetup {
  readonly rep: number;
  readonly clients: number;
  readonly transport: BenchTransport;
}

/**
 * The runs in the order they happen: repetition by repetition, tier by tier, every transport of a
 * tier back to back. Every other repetition reverses the transport order, so that a machine
 * warming up or slowing down weighs on termchat and the baseline alike; the baseline stays next
 * to ws (given in that order, the default) so the pair compared as a ratio runs side by side.
 * With `setups` (--redis: one instance and two; --rtt: each round trip) each transport runs once
 * per setup, back to back and likewise reversed every other repetition, as those are compared.
 */
export function planRuns(tiers: readonly number[], transports: readonly BenchTransport[], reps: number, setups: readonly RunSetup[] = [{}]): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? transports : [...transports].reverse();
    const setupOrder = rep % 2 === 0 ? setups : [...setups].reverse();
    for (const clients of tiers) {
      for (const transport of order) {
        for (const setup of setupOrder) runs.push({ rep, clients, transport, ...setup });
      }
    }
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

/** One client worker's part of a run: how many clients, the first one's index, and the instance they are given. */
export interface WorkerShare {
  readonly count: number;
  readonly firstIndex: number;
  /** Index of the server instance the clients connect to; undefined when there is only ever one. */
  readonly instance: number | undefined;
}

/**
 * Clients over workers. `instances` spreads them for a Redis comparison: the clients are always
 * split in two halves with workers of their own (at least one each), so the one- and two-instance
 * runs have the same client processes; with 2 instances each half is given its own instance, with 1
 * both halves share it.
 */
export function placeClients(clients: number, workers: number, instances?: 1 | 2): WorkerShare[] {
  const placed: WorkerShare[] = [];
  let firstIndex = 0;
  const add = (count: number, instance: number | undefined): void => {
    placed.push({ count, firstIndex, instance });
    firstIndex += count;
  };
  if (instances === undefined) {
    for (const count of shares(clients, workers)) add(count, undefined);
    return placed;
  }
  const perHalf = Math.max(1, Math.floor(workers / 2));
  for (const [half, halfCount] of shares(clients, 2).entries()) {
    for (const count of shares(halfCount, perHalf)) add(count, instances === 2 ? half : 0);
  }
  return placed;
}
