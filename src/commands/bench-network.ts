import { MAX_BENCH_RTT_MS, type BenchNetwork } from '../bench/running/network.js';
import { parseNetFlag } from '../relay/index.js';
import { accept, refuse, UsageError, type Parser } from './flags.js';
import { integer, listOf } from './values.js';

// How `termchat bench` reads a network: `--rtt 0,25,100` gives each run's round trip, `--net` the
// rest of the relay's condition. A bench measures what flows, so only flowing conditions are taken.

/** What a bench's `--net` asks for, before it is combined with `--rtt`. */
export interface BenchNetFlag {
  /** `delay=MS[±JITTER]`: the one-way delay, a round trip of twice it, and its jitter. */
  readonly delay: { readonly ms: number; readonly jitterMs: number } | undefined;
  /** `jitter=MS`: ± on each one-way hold of the `--rtt` round trips. */
  readonly jitterMs: number | undefined;
  /** `rate=RATE`: bits a second per direction of each connection; undefined: no cap (or `rate=off`). */
  readonly rateBitsPerSecond: number | undefined;
}

const FLOWING =
  'a flowing condition: delay=MS[±JITTER] and rate=RATE, comma-separated (delay=50±10,rate=1mbit), or with --rtt jitter=MS and rate=RATE; blackhole, down and cut stop the traffic a bench measures';

const jitter = integer(0, MAX_BENCH_RTT_MS / 2);

/** `--rtt`: round trips in ms, comma-separated, read in ascending order, each once, since growth is read from the first. */
export const rttList: Parser<readonly number[]> = (raw) => {
  const list = listOf(integer(0, MAX_BENCH_RTT_MS), `a comma-separated list of round trips in milliseconds, each from 0 to ${MAX_BENCH_RTT_MS}: 0,25,100`)(raw);
  return list.ok ? accept([...new Set(list.value)].sort((a, b) => a - b)) : list;
};

/**
 * A bench's `--net`: `delay=MS[±JITTER]`, `rate=RATE` (as `termchat relay --net` reads them) and
 * `jitter=MS`, comma-separated; a later item of a kind replaces an earlier one. Blackhole, down
 * and cut are refused, naming what is taken.
 */
export const benchNetFlag: Parser<BenchNetFlag> = (raw) => {
  let delay: BenchNetFlag['delay'];
  let jitterMs: number | undefined;
  let rateBitsPerSecond: number | undefined;
  for (const item of raw.split(',')) {
    const match = /^\s*([a-z]+)\s*(?:=(.*))?$/i.exec(item);
    const word = match?.[1]?.toLowerCase();
    if (word === 'jitter') {
      const parsed = jitter((match?.[2] ?? '').trim().replace(/\s*ms$/i, ''));
      if (!parsed.ok) return refuse(`a jitter of 0 to ${MAX_BENCH_RTT_MS / 2} ms on each one-way hold: jitter=10`);
      jitterMs = parsed.value;
      continue;
    }
    if (word !== 'delay' && word !== 'rate') return refuse(FLOWING);
    const parsed = parseNetFlag(item);
    if (!parsed.ok) return parsed;
    for (const change of parsed.value) {
      if (change.kind === 'delay') delay = { ms: change.ms, jitterMs: change.jitterMs };
      else if (change.kind === 'rate') rateBitsPerSecond = change.bitsPerSecond;
    }
  }
  return accept({ delay, jitterMs, rateBitsPerSecond });
};

/**
 * The network of a bench from `--rtt` and `--net`, or undefined when neither was given. `--rtt`
 * sets each run's delay (half the round trip each way) and `--net` adds a rate and a jitter to
 * them; `--net` alone is one round trip, twice its delay. What contradicts itself is refused.
 */
export function resolveBenchNetwork(rtts: readonly number[] | undefined, net: BenchNetFlag | undefined): BenchNetwork | undefined {
  if (rtts === undefined && net === undefined) return undefined;
  if (rtts !== undefined) {
    if (net?.delay !== undefined) {
      throw new UsageError('--rtt sets each run\'s delay, half the round trip each way: leave delay= out of --net, and give a jitter as --net jitter=MS');
    }
    return { rttsMs: rtts, jitterMs: net?.jitterMs ?? 0, rateBitsPerSecond: net?.rateBitsPerSecond };
  }
  if (net!.jitterMs !== undefined) throw new UsageError('--net jitter= goes with --rtt; without it give the delay and its jitter together: --net delay=50±10');
  const delay = net!.delay ?? { ms: 0, jitterMs: 0 };
  if (2 * delay.ms > MAX_BENCH_RTT_MS) throw new UsageError(`--net delay=${delay.ms} is a round trip of ${2 * delay.ms} ms; a bench adds at most ${MAX_BENCH_RTT_MS} ms (delay=${MAX_BENCH_RTT_MS / 2})`);
  return { rttsMs: [2 * delay.ms], jitterMs: delay.jitterMs, rateBitsPerSecond: net!.rateBitsPerSecond };
}
