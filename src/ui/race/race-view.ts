import { sanitizeLine } from '../../transports/sanitize.js';
import { perMessage } from '../../transports/stats-math.js';
import { formatBytes, formatMs, formatSeconds } from '../format/numbers.js';
import { NOT_APPLICABLE, statusView, type StatusField } from '../format/status.js';
import { textWidth, truncateToWidth } from '../format/text-width.js';
import { wrapText } from '../format/wrap.js';
import type { Tone } from '../format/theme.js';
import { laneTransport, type RaceLane } from './lanes.js';
import type { LaneSnapshot, RaceSnapshot } from './race.js';

/** A lane's column as text: the status bar's figures (the same code computes them) and what it received. */
export interface LaneView {
  readonly lane: RaceLane;
  readonly connection: { readonly text: string; readonly tone: Tone };
  /** "latency" or, for a client that only listens, "latency 1-way": as the status bar says it. */
  readonly latencyLabel: string;
  /** last · p50 · p95 ms. */
  readonly latency: string;
  readonly spark: string;
  /** By label: req/s, tcp, bytes, bytes/msg, overhead, waste, ping, reconnects, pending. */
  readonly figures: Readonly<Record<FigureLabel, StatusField>>;
  /** "received/sent" of the race's messages, in tone ok once they agree. */
  readonly count: { readonly text: string; readonly tone: Tone };
  /** Newest last: how long after sending each arrived, who sent it, what it said (on one line). */
  readonly recent: readonly { readonly key: number; readonly delay: string; readonly who: string; readonly text: string }[];
}

export type FigureLabel = 'req/s' | 'tcp' | 'bytes' | 'bytes/msg' | 'overhead' | 'waste' | 'ping' | 'reconnects' | 'pending';

/** The lane's view at `now` (the clock of its state's `retryAt`). */
export function laneView(lane: LaneSnapshot, sent: number, now: number, sparkWidth: number): LaneView {
  const { transport } = laneTransport(lane.lane);
  const status = statusView({ state: lane.state, stats: lane.stats, choice: transport, transport, now, sparkWidth });
  const field = (label: string): StatusField => status.fields.find((one) => one.label === label) ?? { label, value: NOT_APPLICABLE };
  const { stats } = lane;
  const bytes = stats.bytesSent + stats.bytesReceived;
  const perMsg = perMessage(bytes, stats.messagesReceived);
  return {
    lane: lane.lane,
    connection: status.connection,
    latencyLabel: status.latency.label,
    latency: status.latency.value,
    spark: status.spark,
    figures: {
      'req/s': field('req/s'),
      tcp: field('tcp'),
      bytes: { label: 'bytes', value: formatBytes(bytes) },
      'bytes/msg': { label: 'per msg', value: perMsg === undefined ? NOT_APPLICABLE : formatBytes(perMsg) },
      overhead: field('overhead'),
      waste: field('waste'),
      ping: field('ping'),
      reconnects: field('reconnects'),
      pending: field('pending'),
    },
    count: { text: `${lane.received}/${sent}`, tone: lane.received === sent ? 'ok' : 'warn' },
    recent: lane.recent.map((arrival) => ({ key: arrival.seq, delay: formatDelay(arrival.delayMs), who: sanitizeLine(arrival.user), text: sanitizeLine(arrival.text) })),
  };
}

/**
 * A state label on two lines of `width` columns, for a narrow column: split after its first comma
 * ("● reconnecting in 2.4 s," / "attempt 3"), "reconnecting in" said "retry in" where the first
 * line would not fit; a longer reason runs on to the second line and is cut there.
 */
export function stackedLabel(text: string, width: number): [string, string] {
  const labelled = `● ${text}`;
  const comma = labelled.indexOf(', ');
  let [first, second] = comma === -1 ? [labelled, ''] : [labelled.slice(0, comma + 1), labelled.slice(comma + 2)];
  if (textWidth(first) > width) first = first.replace('reconnecting in', 'retry in');
  if (textWidth(first) > width && second === '') {
    const [head = '', ...rest] = wrapText(labelled, width);
    [first, second] = [head, rest.join(' ')];
  }
  return [truncateToWidth(first, width), truncateToWidth(second, width)];
}

/** A delay as the race shows it: "1.1 ms", "77 ms", "1.2 s". */
export function formatDelay(ms: number): string {
  return ms < 1000 ? `${formatMs(ms)} ms` : formatSeconds(ms);
}

/** The scoreboard's two lines: where the last message typed landed, in order; what a message costs each lane. */
export interface Scoreboard {
  readonly order: string;
  readonly cost: string;
}

/**
 * The arrival order and delay of the last message typed ("ws 1.1 ms · sse 1.8 · longpoll 3.0 ·
 * poll 77", a lane it has not reached yet "poll …"), and each lane's running cost per message
 * received: bytes on the wire and requests.
 */
export function scoreboard(snapshot: RaceSnapshot): Scoreboard {
  const { last } = snapshot;
  let order: string;
  if (last === undefined) order = 'type a message: it is sent once, and each column shows when it lands';
  else {
    const arrived = [...last.arrivals].sort((a, b) => a.delayMs - b.delayMs);
    const landed = arrived.map((arrival, i) => `${arrival.lane} ${i === 0 ? formatDelay(arrival.delayMs) : formatDelay(arrival.delayMs).replace(/ ms$/, '')}`);
    const waiting = snapshot.lanes.filter((lane) => !arrived.some((arrival) => arrival.lane === lane.lane)).map((lane) => `${lane.lane} …`);
    order = `"${sanitizeLine(last.text)}": ${[...landed, ...waiting].join(' · ')}`;
  }
  const costs = snapshot.lanes.map(({ lane, stats }) => {
    const bytes = perMessage(stats.bytesSent + stats.bytesReceived, stats.messagesReceived);
    const requests = perMessage(stats.requests, stats.messagesReceived);
    return bytes === undefined || requests === undefined ? `${lane} ${NOT_APPLICABLE}` : `${lane} ${formatBytes(bytes)} ${requests.toFixed(1)} req`;
  });
  return { order, cost: `per message: ${costs.join(' · ')}` };
}
