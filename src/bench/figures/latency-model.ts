import type { BenchTransport } from '../running/kinds.js';

/**
 * What a transport's average latency should be over a network, from the round trip alone: a
 * message goes sender → server → receiver, so every transport pays half a round trip up and half
 * down, and some pay more while a message waits to be asked for. Nothing of the machine's own
 * work is in it (that is what a run at RTT 0 measures), nor the time bytes take on a capped link.
 * Every new TCP connection pays a round trip for its handshake, as on a real link (the bench's
 * relay gives that round trip back; see src/relay/index.ts).
 */
export interface LatencyModelInput {
  readonly transport: BenchTransport;
  /** Round trip added between every client and the server, ms. */
  readonly rttMs: number;
  /** The short polls' interval, ms; each wait is drawn from 0.9 to 1.1 of it. */
  readonly intervalMs: number;
  /** Messages each client receives a second: every message of the room goes to everyone. */
  readonly messagesPerSecond: number;
}

/** How far each short poll's wait may stray from the interval, either way (src/transports/poll-transport.ts). */
const POLL_SPREAD = 0.1;

/**
 * The model's average latency, ms. The study's rule of thumb for polling, interval/2 + 1.5 RTT, is
 * a poller that waits its interval after each answer, on a kept connection: a message waits half
 * of interval + RTT for the next poll to arrive. termchat's poller counts its interval from the
 * start of each poll, which leaves 1 RTT on a kept connection, while the study's poller, which
 * connects for every request, pays a handshake on its send and on each poll: 2 RTT, and polls no
 * faster than a handshake and a round trip.
 */
export function modelLatencyMs({ transport, rttMs, intervalMs, messagesPerSecond }: LatencyModelInput): number {
  switch (transport) {
    case 'poll':
      // Every request opens a connection: the send's handshake and the poll's each cost a round trip.
      return 1.5 * rttMs + pollWaitMs(intervalMs, 2 * rttMs) + 0.5 * rttMs;
    case 'poll-keepalive':
      return 0.5 * rttMs + pollWaitMs(intervalMs, rttMs) + 0.5 * rttMs;
    case 'longpoll':
      return rttMs + (longPollGapShare(rttMs, messagesPerSecond) * rttMs) / 2;
    default:
      return rttMs;
  }
}

/**
 * How long, on average, a message committed at a random moment waits for the next short poll to
 * reach the server. termchat's poller counts its interval from the start of each poll (see
 * src/transports/polling-transport.ts), so polls reach the server once per interval, or once per
 * request when a request (`requestMs`: its round trips) takes longer than the interval drawn. A
 * random moment falls in a gap of length T with odds proportional to T, so the wait is
 * E[T²] / 2E[T]: half the gap, a little more when gaps vary.
 */
export function pollWaitMs(intervalMs: number, requestMs: number): number {
  const { mean, meanSquare } = maxWithUniform(intervalMs * (1 - POLL_SPREAD), intervalMs * (1 + POLL_SPREAD), requestMs);
  return mean === 0 ? 0 : meanSquare / (2 * mean);
}

/** Mean and mean square of max(U, floor) for U uniform on [low, high]. */
export function maxWithUniform(low: number, high: number, floor: number): { readonly mean: number; readonly meanSquare: number } {
  if (floor >= high) return { mean: floor, meanSquare: floor * floor };
  const from = Math.max(low, floor);
  const width = high - low;
  // Below `floor` the value is floor; above it, U itself.
  const under = width === 0 ? 0 : (from - low) / width;
  const above = width === 0 ? { mean: high, square: high * high } : { mean: (high * high - from * from) / (2 * width), square: (high ** 3 - from ** 3) / (3 * width) };
  return { mean: under * floor + above.mean, meanSquare: under * floor * floor + above.square };
}

/**
 * The share of messages that reach the server while a long poller has no request there: after
 * each answer, for one round trip, the answer travels down and the next poll up. A poll held at
 * the server is answered by the first message (then a gap), and a poll that arrives to find
 * messages waiting is answered at once (another gap). With messages arriving at random, at rate
 * λ, a gap of R finds one or more with odds 1 − e^(−λR), so gaps take a share λR / (λR + e^(−λR))
 * of the time, and of the messages. One that lands in a gap waits the rest of it, R/2 on average.
 */
export function longPollGapShare(rttMs: number, messagesPerSecond: number): number {
  const x = (messagesPerSecond * rttMs) / 1000;
  return x === 0 ? 0 : x / (x + Math.exp(-x));
}

/** The model of each transport in words, as the network report states it above its tables. */
export const MODEL_WORDS: Readonly<Record<BenchTransport, string>> = {
  poll: '2 RTT (a send: handshake, half up; the answer: half down) + the wait for the next poll: half the interval, or one RTT once a poll (handshake and request, 2 RTT) outlasts the interval',
  'poll-keepalive': '1 RTT + the wait for the next poll: half the interval, or half an RTT once a poll outlasts the interval',
  longpoll: '1 RTT + half an RTT for each message that reaches the server between an answer and the next poll (most of them in a busy room)',
  sse: '1 RTT: sender → server (a POST) → receiver',
  ws: '1 RTT: sender → server → receiver',
  baseline: '1 RTT: sender → server → receiver',
};
