import { TRANSPORT_KINDS, type Message, type OnlineEntry, type PresenceEvent, type ReadPosition, type TransportKind } from '../protocol/plain.js';
import type { CloseCodeName } from './close-report.js';
import type { WireListener } from './wire-events.js';

/** What `--transport` accepts: one of the four, or `auto` (ws, then sse, longpoll, poll). */
export type TransportChoice = TransportKind | 'auto';

/**
 * How the last try ended, as data, for telling a person what went wrong and what to do:
 * `code` sorts it (unreachable, refused, unauthorized, …), `server` is the origin it tried,
 * `errno` the system's error code of a network failure (ECONNREFUSED, ENOTFOUND, …), and
 * `errorCode` the server's stable code when it answered with an error.
 */
export interface ConnectFailure {
  readonly code: CloseCodeName;
  readonly server: string;
  readonly errno?: string;
  readonly errorCode?: string;
}

/** Every TransportChoice, in the order help lists them. */
export const TRANSPORT_CHOICES: readonly TransportChoice[] = [...TRANSPORT_KINDS, 'auto'];

/**
 * A connection's state. Exactly one place (the connection) changes it, emitting (next, previous).
 * idle → connecting → open → (reconnecting → connecting → open)* → closed
 * Besides: connecting → connecting when `auto` falls back, and open → connecting when the caller
 * switches transport or the server's history was reset (state.ts holds the full table).
 */
export type ConnectionState =
  /** Created, connect() not called yet. */
  | { readonly status: 'idle' }
  /** `attempt` is 0 for a first connect, else the reconnect attempt this try belongs to. */
  | { readonly status: 'connecting'; readonly attempt: number; readonly transport: TransportKind; readonly server?: string }
  | { readonly status: 'open'; readonly transport: TransportKind; readonly since: number; readonly server?: string }
  | {
      readonly status: 'reconnecting';
      /** 1 for the first retry after a drop, growing while the server stays unreachable. */
      readonly attempt: number;
      readonly delayMs: number;
      /** Epoch ms (of the injected clock) when the next try fires, for a countdown. */
      readonly retryAt: number;
      readonly reason: string;
      /** The failure behind this wait, when a transport ended (not a connection the caller restarted). */
      readonly failure?: ConnectFailure;
    }
  | {
      readonly status: 'closed';
      readonly reason: string;
      /** Why it will not retry: the caller closed it, the token was refused, … */
      readonly cause: 'client' | 'unauthorized' | 'forbidden' | 'fatal';
      /** The failure that ended it, when the server or the network did. */
      readonly failure?: ConnectFailure;
    };

/** A message the caller sent, from queued to acknowledged. */
export interface OutboxEntry {
  readonly clientId: string;
  readonly text: string;
  readonly sentAt: number;
  /** Server id once acknowledged. */
  readonly id?: number;
  /**
   * pending: queued, waiting for an open transport (or for a rate limit to pass);
   * sent: written, no acknowledgement yet; acked: stored by the server;
   * failed: the server will never take it (too long, empty, …), see `error`.
   */
  readonly status: 'pending' | 'sent' | 'acked' | 'failed';
  /** Why a failed entry failed: the server's stable code and its sentence. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A client's running totals since its creation: cheap to read, for a caller that reads many clients often. */
export interface ClientCounters {
  /** Polls sent and those that came back empty (poll and longpoll only; undefined elsewhere). */
  readonly polls: number | undefined;
  readonly emptyPolls: number | undefined;
  /** HTTP requests made (polls, posts, stream opens, upgrade). */
  readonly requests: number;
  readonly tcpConnections: number;
  /** Bytes on the wire, HTTP headers and WebSocket framing included. */
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly reconnects: number;
  readonly messagesSent: number;
  readonly messagesReceived: number;
  /** Messages that arrived twice (an id already delivered) and were dropped at the client edge. */
  readonly duplicatesDropped: number;
}

/** What a status bar shows: the running totals and the figures derived from them. */
export interface ClientStats extends ClientCounters {
  readonly state: ConnectionState['status'];
  readonly transport: TransportKind | undefined;
  /** Send → own message seen back from the server, ms. */
  readonly echoLatency: LatencySummary;
  /** now − sentAt of others' messages, ms (meaningful on one host). */
  readonly oneWayLatency: LatencySummary;
  /** emptyPolls / polls in percent, 0-100; undefined without polls. */
  readonly wastedPollsPercent: number | undefined;
  /** Requests per second over the last few seconds. */
  readonly requestsPerSecond: number;
  /** (bytes sent + received − message payload bytes) / messages delivered; undefined before the first. */
  readonly overheadBytesPerMessage: number | undefined;
  /** WebSocket ping round trip, ms (ws only). */
  readonly pingRtt: number | undefined;
  /** Outbox entries not acknowledged yet (pending or sent). */
  readonly pending: number;
  /**
   * How long an open connection has heard nothing from the server, ms, once that is overdue (past
   * a heartbeat, a poll's wait or interval, and half a grace): a link going stale before it is
   * declared dead. Undefined while the server is heard as expected, and when not open.
   */
  readonly quietMs: number | undefined;
}

/** A latency figure as a status bar shows it, ms. */
export interface LatencySummary {
  readonly last: number | undefined;
  readonly avg: number | undefined;
  /** The median of the recent window: what a typical message takes, unmoved by one slow one. */
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  /** The most recent samples, oldest first, for a sparkline. */
  readonly recent: readonly number[];
  readonly count: number;
}

/** Events a ChatClient emits; every transport emits the same ones. */
export interface ChatClientEvents {
  state: [next: ConnectionState, previous: ConnectionState];
  message: [message: Message];
  presence: [event: PresenceEvent];
  /** The full online list, after a welcome or a presence change. */
  online: [online: readonly OnlineEntry[]];
  typing: [user: string];
  ack: [entry: OutboxEntry];
  /** An entry the server refused for good (status failed, with its error). */
  failed: [entry: OutboxEntry];
  /** The entries not acknowledged yet, after any change. */
  outbox: [entries: readonly OutboxEntry[]];
  /**
   * The server trimmed messages this client had not seen (`--history`, `--history-ttl`): those
   * before `firstId` will never come. Show it, e.g. "history before #firstId was trimmed".
   */
  trimmed: [info: { readonly firstId: number }];
  /**
   * A reconnect's backlog is delivered: `count` messages that were sent while the link was down
   * (`outageMs`, from when the server was last heard to the reopen). They are not timed as
   * latency; show them as what they are, e.g. "caught up 3 messages from the 8.1 s outage".
   * Once per reconnect that brought any.
   */
  caughtUp: [info: { readonly count: number; readonly outageMs: number }];
  /** The server's history is new (epoch changed): the client starts again from 0. */
  reset: [info: { readonly previousEpoch: string; readonly epoch: string }];
  /** `auto` settled on, or moved to, another transport. */
  fallback: [info: { readonly from: TransportKind; readonly to: TransportKind; readonly reason: string }];
  /**
   * Read positions in the room (read receipts): every one the server keeps when the transport
   * opens, then those that moved; a position only moves forward. Only with `receipts` on.
   */
  reads: [reads: readonly ReadPosition[]];
}

/** Injected time and randomness, so backoff, heartbeats and timeouts are tested without sleeping. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Where a client opens its TCP connections to a server instead of the server's own address: a
 * relay in front of it (termchat's fault relay, on loopback). Only the address changes: the URLs,
 * the Host header, TLS's server name and certificate check, and the server the state names stay
 * the server's, so the relay is one more hop on the path, as a router is.
 */
export interface DialTarget {
  readonly host: string;
  readonly port: number;
  /**
   * Why the dial target (a relay) could not reach the server just now, as the system's error code
   * (ECONNREFUSED, …), or undefined: a relay accepts a connection before it tries the server, so
   * the client itself hears only a reset.
   */
  readonly unreachable?: () => string | undefined;
}

/** How to reach the server and how to behave; only server, room, user and transport are required. */
export interface ClientOptions {
  /**
   * http(s)://host:port of the server. Several, comma-separated, are instances sharing one history
   * (Redis): each reconnect moves to the next, and the client resumes there by id.
   */
  readonly server: string;
  readonly room: string;
  readonly user: string;
  readonly transport: TransportChoice;
  readonly token?: string;
  /** Where to connect for a server (given its origin) instead of its own address; undefined, or no answer: directly. */
  readonly dial?: (origin: string) => DialTarget | undefined;
  /** Short-poll interval, ms (default 1000); each poll waits from 0.9 to 1.1 of it. */
  readonly interval?: number;
  /** Reuse TCP connections for polls (default false: one per request, as the study did). */
  readonly keepalive?: boolean;
  /** Resume after this id (default 0). */
  readonly since?: number;
  /**
   * The server's heartbeat to assume until it announces its own (servers that do not say it), ms
   * (default 15000). Silence for a heartbeat and a grace (another heartbeat, at least a second)
   * drops the connection.
   */
  readonly heartbeatMs?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Reconnect backoff (default 1000 ms doubling to 30000 ms). */
  readonly backoff?: { readonly baseMs: number; readonly capMs: number };
  /** How long a connect may take before it counts as failed: upgrade, stream start or first answer (default 10000). */
  readonly openTimeoutMs?: number;
  /**
   * How long a send, a presence fetch or the opening poll may go unanswered (default 10000). An
   * open transport's polls have deadlines of their own: the wait and a grace.
   */
  readonly requestTimeoutMs?: number;
  /** The longest a long poll asks to be held (default 25000); it asks no longer than the server's heartbeat. */
  readonly longPollWaitMs?: number;
  /**
   * WebSocket ping frames, for the round-trip figure and as the client's heartbeat, ms (default:
   * the server's heartbeat, so that each way carries one heartbeat frame an interval). The first
   * goes at a random point of the first interval, the rest on a fixed beat.
   */
  readonly pingIntervalMs?: number;
  /** Poll and long poll have no presence stream: GET /presence this often, ms (default 5000). */
  readonly presenceIntervalMs?: number;
  /** A sent entry without acknowledgement after this long is sent again, same clientId (default 10000). */
  readonly ackTimeoutMs?: number;
  /**
   * Read receipts (default true): markRead tells the server how far you read, and the room's
   * positions come as `reads`. Off, neither: yours are not told and theirs are not asked for.
   */
  readonly receipts?: boolean;
}

/** The one interface the UI, the bots and the benchmark use, whatever the transport. */
export interface ChatClient {
  readonly options: ClientOptions;
  connect(): void;
  /** Ends for good (WebSocket close 1000). */
  close(): void;
  /** Queues `text`; it is sent when open and retried with the same clientId until acknowledged. */
  send(text: string): OutboxEntry;
  /** Says the user is typing; call it on every edit: a signal goes out at most every TYPING_INTERVAL_MS, and only while open. */
  typing(): void;
  /**
   * Says the user has read the room up to message `id`; call it whenever that grows: the position
   * goes out at most every READS_INTERVAL_MS, while open, and again after each reconnect. Nothing
   * with `receipts` off.
   */
  markRead(id: number): void;
  /** Skip the backoff wait and try now. */
  retryNow(): void;
  /** Switch transport live, keeping last id and outbox. */
  switchTransport(transport: TransportChoice): void;
  readonly state: ConnectionState;
  /** The transport in use, or last tried while reconnecting or closed (which carry none); undefined before connect(). */
  readonly transport: TransportKind | undefined;
  /** The server (origin) in use, or last tried while reconnecting or closed; undefined before connect(). */
  readonly server: string | undefined;
  readonly online: readonly OnlineEntry[];
  stats(): ClientStats;
  /** The running totals alone, without the latency summaries, which sort their sample windows. */
  counters(): ClientCounters;
  /**
   * Every network event from now on — TCP connects and closes, HTTP requests and answers,
   * WebSocket frames, SSE events — with its bytes, taken from the same counts as `counters()`;
   * returns what stops listening. Nothing is recorded while nobody listens. A client that sees no
   * sockets (a web page's) tells nothing.
   */
  watchWire(listener: WireListener): () => void;
  on<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): this;
  off<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): this;
}
