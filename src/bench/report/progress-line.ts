import { TRANSPORT_SHORT, type BenchTransport } from '../running/kinds.js';
import { formatDuration, type RunSetup } from '../running/plan.js';
import type { RunPhase } from '../running/run-tier.js';
import { count, setupLabel } from './format.js';

/** Where a bench is: which run, in which phase, how far. */
export interface ProgressState {
  /** 1-based. */
  readonly run: number;
  readonly runs: number;
  readonly rep: number;
  readonly reps: number;
  readonly clients: number;
  readonly transport: BenchTransport;
  /** --redis: termchat instances the clients are spread over; --rtt: the round trip. */
  readonly setup?: RunSetup;
  readonly phase: RunPhase;
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly deliveries: number;
  /** Estimated time left for the whole bench. */
  readonly leftMs: number;
}

/** "[3/18] 50 clients · poll-ka · sending 4.2/10 s · 1,234 deliveries · about 2 min 10 s left" */
export function formatProgress(s: ProgressState): string {
  const rep = s.reps > 1 ? ` rep ${s.rep + 1}/${s.reps}` : '';
  const clock = s.phase === 'sending' ? ` ${(s.elapsedMs / 1000).toFixed(1)}/${s.durationMs / 1000} s` : '';
  const where = s.setup === undefined ? '' : setupLabel(s.setup);
  return `[${s.run}/${s.runs}${rep}] ${s.clients} clients · ${TRANSPORT_SHORT[s.transport]}${where} · ${s.phase}${clock} · ${count(s.deliveries)} deliveries · about ${formatDuration(s.leftMs)} left`;
}
