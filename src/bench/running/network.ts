import { formatRate, type NetChange } from '../../relay/index.js';

/** The longest round trip a bench adds, ms: beyond it the bench's drain and deadlines would decide its figures. */
export const MAX_BENCH_RTT_MS = 1000;

/**
 * The network a `--rtt` or `--net` bench puts between every client and the server: a fault relay
 * in the bench's process, shaped the same way for every run but for the round trip, which each
 * run takes from the list.
 */
export interface BenchNetwork {
  /** Round trips to run at, ascending, each once, ms: half of each is held in each direction. */
  readonly rttsMs: readonly number[];
  /** Each one-way hold is drawn from half the round trip ± this, ms, held to that half (none at RTT 0). */
  readonly jitterMs: number;
  /** Bits a second per direction of each connection; undefined: no cap. */
  readonly rateBitsPerSecond: number | undefined;
}

/** One run's network: the shaping of its bench at one of its round trips. */
export interface RunNetwork {
  readonly rttMs: number;
  /** The jitter applied: the bench's, held to the one-way delay, as a hold cannot be negative. */
  readonly jitterMs: number;
  readonly rateBitsPerSecond: number | undefined;
}

/** The run's network at round trip `rttMs`. */
export function runNetwork(network: BenchNetwork, rttMs: number): RunNetwork {
  return { rttMs, jitterMs: Math.min(network.jitterMs, rttMs / 2), rateBitsPerSecond: network.rateBitsPerSecond };
}

/** The changes that put a relay, clean when started, into `network`'s condition. */
export function relayChanges(network: RunNetwork): NetChange[] {
  return [
    { kind: 'delay', ms: network.rttMs / 2, jitterMs: network.jitterMs },
    { kind: 'rate', bitsPerSecond: network.rateBitsPerSecond },
  ];
}

/** "jitter ±10 ms each way · rate 1 Mbit/s", or nothing: what a bench's relay does besides holding the round trip. */
export function shapingLabel(network: Omit<RunNetwork, 'rttMs'>): string {
  const parts = [network.jitterMs > 0 ? `jitter ±${network.jitterMs} ms each way` : '', network.rateBitsPerSecond === undefined ? '' : `rate ${formatRate(network.rateBitsPerSecond)}`];
  return parts.filter((part) => part !== '').join(' · ');
}
