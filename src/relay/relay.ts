import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { systemClock, type RelayClock } from './clock.js';
import { CLEAN, nextCondition, outOfLimits, type NetChange, type NetCondition } from './condition.js';
import type { LaneTally } from './lane.js';
import { Listener, RELAY_HOST } from './listener.js';
import { RelayedPair, type Upstream } from './pair.js';
import { SwallowedConnection } from './swallowed.js';

export interface RelayOptions {
  /** The server: http(s)://host[:port][/path]. Only its host and port matter: bytes are relayed as they are, TLS included. */
  readonly to: string;
  /** Loopback port to listen on; 0 (the default) takes a free one. */
  readonly listenPort?: number;
  /** Changes applied from clean before the first connection, in order: what `--net` parsed to. */
  readonly net?: readonly NetChange[];
  readonly clock?: RelayClock;
  /** A number in [0, 1), for the jitter. */
  readonly random?: () => number;
  /**
   * Hold each new connection's first bytes toward the server one more round trip (twice the
   * delay), the time TCP's handshake takes on a real link before a client can send; the relay's
   * own connect completes at once. Off by default: the chat's `--net` and `termchat relay` shape
   * the bytes alone.
   */
  readonly handshake?: boolean;
}

/** What went through the relay in one direction since it started. */
export interface RelayDirectionStats {
  readonly forwarded: number;
  /** Dropped by a blackhole. */
  readonly dropped: number;
}

export interface RelayStats {
  /** Connections relayed now. */
  readonly open: number;
  /** Connections accepted since the start. */
  readonly accepted: number;
  /** Connections reset by `cut`, `down`, or the end of a blackhole that had dropped some of their bytes. */
  readonly reset: number;
  /** Client → server. */
  readonly up: RelayDirectionStats;
  /** Server → client. */
  readonly down: RelayDirectionStats;
}

export interface RelayEvents {
  /** Every apply() and `down`'s own end; `cut` too, although its condition reads as before. */
  change: [next: NetCondition, previous: NetCondition];
}

/** A relayed client connection, or one swallowed by a blackhole. */
type Relayed = RelayedPair | SwallowedConnection;

/**
 * A TCP relay on loopback between clients and one server, whose network condition can be changed
 * at any time (src/relay/index.ts says what each condition does). Start one with startRelay().
 */
export class Relay extends EventEmitter<RelayEvents> {
  readonly #upstream: Upstream;
  /** The server's scheme and path, which the relay's URL keeps. */
  readonly #scheme: string;
  readonly #path: string;
  readonly #clock: RelayClock;
  readonly #random: () => number;
  readonly #handshake: boolean;
  readonly #listener: Listener;
  readonly #connections = new Set<Relayed>();
  readonly #up: LaneTally = { forwarded: 0, dropped: 0 };
  readonly #down: LaneTally = { forwarded: 0, dropped: 0 };
  #condition: NetCondition = CLEAN;
  #upTimer: unknown;
  #accepted = 0;
  #reset = 0;
  #closed = false;

  private constructor(options: RelayOptions, target: URL) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#handshake = options.handshake === true;
    const https = target.protocol === 'https:';
    this.#upstream = { host: target.hostname.replace(/^\[(.*)\]$/, '$1'), port: target.port === '' ? (https ? 443 : 80) : Number(target.port) };
    this.#scheme = target.protocol;
    this.#path = target.pathname.replace(/\/+$/, '');
    this.#listener = new Listener(options.listenPort ?? 0, (socket) => this.#accept(socket), this.#clock);
  }

  /** Listens, then applies `options.net`; rejects when `to` is no http(s) URL or the port cannot be had. */
  static async start(options: RelayOptions): Promise<Relay> {
    const target = new URL(options.to);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new TypeError(`the relay's server must be an http:// or https:// URL, not ${options.to}`);
    const problem = options.net?.map(outOfLimits).find((found) => found !== undefined);
    if (problem !== undefined) throw new RangeError(problem);
    const relay = new Relay(options, target);
    await relay.#listener.open();
    for (const change of options.net ?? []) relay.apply(change);
    return relay;
  }

  /** What clients connect to instead of the server: the same scheme and path, the relay's address. */
  get url(): string {
    return `${this.#scheme}//${RELAY_HOST}:${this.#listener.port}${this.#path}`;
  }

  /** The port the relay listens on (also while `down`, when it does not). */
  get port(): number {
    return this.#listener.port;
  }

  get condition(): NetCondition {
    return this.#condition;
  }

  /** Changes the condition now, for every relayed connection and those to come; returns the new one. Throws RangeError for a change outside NET_LIMITS. */
  apply(change: NetChange): NetCondition {
    const problem = outOfLimits(change);
    if (problem !== undefined) throw new RangeError(problem);
    if (this.#closed) return this.#condition;
    if (change.kind === 'cut') this.#resetWhere(() => true);
    this.#set(nextCondition(this.#condition, change, this.#clock.now()));
    return this.#condition;
  }

  stats(): RelayStats {
    return { open: this.#connections.size, accepted: this.#accepted, reset: this.#reset, up: { ...this.#up }, down: { ...this.#down } };
  }

  /** Stops listening, closes every relayed socket and clears every timer; resolves once the port is free. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#disarmUp();
    for (const connection of this.#connections) connection.destroy();
    this.#connections.clear();
    await this.#listener.close();
  }

  /** The one place the condition changes: sockets, listening and held bytes follow it, then listeners hear of it. */
  #set(next: NetCondition): void {
    const previous = this.#condition;
    this.#condition = next;
    if (next.mode === 'down') {
      this.#resetWhere(() => true);
      this.#listener.shut();
      this.#armUp(next.until);
    } else {
      this.#disarmUp();
      this.#listener.reopen();
    }
    // Bytes were dropped from these streams: passing later bytes on would hand each side a
    // stream with a hole, which no TCP connection can have, so they end as a pulled cable's would.
    if (previous.mode === 'blackhole' && next.mode === 'flowing') this.#resetWhere((connection) => connection.torn);
    for (const connection of this.#connections) connection.reschedule();
    this.emit('change', next, previous);
  }

  #accept(socket: Socket): void {
    // Accepted by a listening socket just shut, or by the relay closing.
    if (this.#closed || this.#condition.mode === 'down') return void socket.destroy();
    this.#accepted++;
    const gone = (connection: Relayed): void => void this.#connections.delete(connection);
    const connection =
      this.#condition.mode === 'blackhole'
        ? new SwallowedConnection(socket, this.#up, gone)
        : new RelayedPair(socket, this.#upstream, { lane: { clock: this.#clock, random: this.#random, condition: () => this.#condition }, up: this.#up, down: this.#down, gone, handshake: this.#handshake });
    this.#connections.add(connection);
  }

  #resetWhere(which: (connection: Relayed) => boolean): void {
    for (const connection of [...this.#connections]) {
      if (!which(connection)) continue;
      connection.reset();
      this.#connections.delete(connection);
      this.#reset++;
    }
  }

  #armUp(until: number): void {
    this.#disarmUp();
    this.#upTimer = this.#clock.setTimeout(
      () => {
        this.#upTimer = undefined;
        if (this.#condition.mode === 'down') this.#set({ mode: 'flowing', shaping: this.#condition.shaping });
      },
      Math.max(0, until - this.#clock.now()),
    );
  }

  #disarmUp(): void {
    if (this.#upTimer !== undefined) this.#clock.clearTimeout(this.#upTimer);
    this.#upTimer = undefined;
  }
}

/** Starts a relay to `options.to`: resolves once it listens, with its URL and condition. */
export function startRelay(options: RelayOptions): Promise<Relay> {
  return Relay.start(options);
}
