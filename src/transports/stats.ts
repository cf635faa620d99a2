import type { Socket } from 'node:net';
import type { Message, TransportKind } from '../protocol/plain.js';
import { LatencyTracker, overheadPerMessage, ratePerSecond, utf8Length, wastedPercent } from './stats-math.js';
import type { ClientCounters, ClientStats, Clock, ConnectionState } from './types.js';
import type { Meter, WireTotals } from './wire.js';
import type { WireListener } from './wire-events.js';
import type { WireTap } from './wire-tap.js';

/** A client's own sockets, where they can be seen (Node): counted, and told to the wire view. */
export interface SocketCounting extends WireTotals {
  track(socket: Socket, transport: TransportKind, connectingSince: number): void;
  /** The wire view's tap while someone watches. */
  readonly tap: WireTap | undefined;
  /** Tells `listener` every wire event from now on; returns what stops it. */
  watch(listener: WireListener, clock: Clock, transport: () => TransportKind): () => void;
}

/** Nothing counted: a recorder given neither sockets nor an estimate. */
const UNCOUNTED: WireTotals = { connections: 0, bytes: () => ({ sent: 0, received: 0 }) };

const RATE_WINDOW_MS = 5000;
/** Own messages awaiting their echo; beyond this the oldest are forgotten. */
const MAX_ECHOES = 1000;

/** What the connection knows at the moment stats are read. */
export interface StatsContext {
  readonly state: ConnectionState['status'];
  readonly transport: TransportKind | undefined;
  readonly pending: number;
  /** How long the server has been silent, once overdue; undefined otherwise. */
  readonly quietMs?: number | undefined;
}

/** Collects a client's figures as things happen; `snapshot` turns them into ClientStats. */
export class StatsRecorder implements Meter {
  readonly #clock: Clock;
  readonly #startedAt: number;
  readonly #sockets: SocketCounting | undefined;
  /** Where connections and bytes are read: the sockets tracked, or what a platform without them estimates. */
  readonly #wire: WireTotals;
  readonly #echo = new LatencyTracker();
  readonly #oneWay = new LatencyTracker();
  /** When each own message was last written, by clientId, to time its echo. */
  readonly #written = new Map<string, number>();
  readonly #requestTimes: number[] = [];
  #requests = 0;
  #polls = 0;
  #emptyPolls = 0;
  #pingRtt: number | undefined;
  #reconnects = 0;
  #sent = 0;
  #received = 0;
  #payloadBytes = 0;
  #duplicates = 0;
  /** The transport of the attempt in progress: its sockets are told as its own in the wire view. */
  readonly #transport: () => TransportKind;

  /**
   * `sockets` counts the sockets the transports track, and tells the wire view of them (Node's
   * clients); `wire` stands in for them where a platform hides them (a web page): its estimate.
   * A page carries neither, and tells a wire listener nothing.
   */
  constructor(clock: Clock, wire?: WireTotals, sockets?: SocketCounting, transport: () => TransportKind = () => 'ws') {
    this.#clock = clock;
    this.#startedAt = clock.now();
    this.#sockets = sockets;
    this.#wire = wire ?? sockets ?? UNCOUNTED;
    this.#transport = transport;
  }

  track(socket: Socket, connectMs = 0): void {
    this.#sockets?.track(socket, this.#transport(), this.#clock.now() - connectMs);
  }

  get wire(): WireTap | undefined {
    return this.#sockets?.tap;
  }

  /** Listens to the wire events from now on; returns what stops it. */
  watchWire(listener: WireListener): () => void {
    return this.#sockets?.watch(listener, this.#clock, this.#transport) ?? (() => {});
  }

  request(): void {
    this.#requests++;
    const now = this.#clock.now();
    this.#requestTimes.push(now);
    // Only the rate window is needed; drop older times in batches.
    if (this.#requestTimes.length > 1024 && this.#requestTimes[0]! < now - RATE_WINDOW_MS) {
      const keepFrom = this.#requestTimes.findIndex((t) => t >= now - RATE_WINDOW_MS);
      this.#requestTimes.splice(0, keepFrom === -1 ? this.#requestTimes.length : keepFrom);
    }
  }

  poll(empty: boolean): void {
    this.#polls++;
    if (empty) this.#emptyPolls++;
  }

  pingRtt(ms: number): void {
    this.#pingRtt = ms;
  }

  /** An own message was written to the wire (again, for a retry: its echo is timed from the last write). */
  written(clientId: string, at: number): void {
    this.#written.delete(clientId);
    this.#written.set(clientId, at);
    if (this.#written.size > MAX_ECHOES) this.#written.delete(this.#written.keys().next().value!);
  }

  /** The server stored an own message. */
  acked(text: string): void {
    this.#sent++;
    this.#payloadBytes += utf8Length(text);
  }

  /**
   * A message was delivered to the caller: an own one times the echo, another's the one-way trip.
   * Unless `live` is false: a backlog message delivered on a (re)connect waited for the connection,
   * not on the network, and is counted but not timed.
   */
  delivered(message: Message, now: number, live = true): void {
    this.#received++;
    this.#payloadBytes += utf8Length(message.text);
    const writtenAt = message.clientId === undefined ? undefined : this.#written.get(message.clientId);
    if (writtenAt !== undefined) {
      this.#written.delete(message.clientId!);
      if (live) this.#echo.add(now - writtenAt);
    } else if (live && message.serverAt >= this.#startedAt) {
      // History committed before this client existed is not latency: only messages of its own time count.
      this.#oneWay.add(now - message.sentAt);
    }
  }

  duplicate(): void {
    this.#duplicates++;
  }

  reconnected(): void {
    this.#reconnects++;
  }

  /** The running totals. Polls are undefined unless `transport` is a polling one or a poll was made. */
  counters(transport: TransportKind | undefined): ClientCounters {
    const { sent, received } = this.#wire.bytes();
    const polled = this.#polls > 0 || transport === 'poll' || transport === 'longpoll';
    return {
      polls: polled ? this.#polls : undefined,
      emptyPolls: polled ? this.#emptyPolls : undefined,
      requests: this.#requests,
      tcpConnections: this.#wire.connections,
      bytesSent: sent,
      bytesReceived: received,
      reconnects: this.#reconnects,
      messagesSent: this.#sent,
      messagesReceived: this.#received,
      duplicatesDropped: this.#duplicates,
    };
  }

  snapshot(context: StatsContext): ClientStats {
    const counters = this.counters(context.transport);
    return {
      ...counters,
      state: context.state,
      transport: context.transport,
      echoLatency: this.#echo.summary(),
      oneWayLatency: this.#oneWay.summary(),
      wastedPollsPercent: wastedPercent(this.#polls, this.#emptyPolls),
      requestsPerSecond: ratePerSecond(this.#requestTimes, this.#clock.now(), RATE_WINDOW_MS, this.#startedAt),
      overheadBytesPerMessage: overheadPerMessage(counters.bytesSent, counters.bytesReceived, this.#payloadBytes, this.#received),
      pingRtt: this.#pingRtt,
      pending: context.pending,
      quietMs: context.quietMs,
    };
  }
}
