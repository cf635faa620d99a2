import type { Message, OnlineEntry, PresenceEvent, TransportKind } from '../protocol/index.js';
import { closedByClient, timedOut, type CloseReport, type TransportClosed } from './close-report.js';
import { debug } from './log.js';
import type { Clock, OutboxEntry } from './types.js';
import type { Meter } from './wire.js';

/** Timings every transport works with, resolved from ClientOptions. */
export interface TransportTiming {
  readonly heartbeatMs: number;
  readonly openTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly longPollWaitMs: number;
  readonly pingIntervalMs: number;
  readonly presenceIntervalMs: number;
}

/** What one transport attempt is given. */
export interface TransportContext {
  /** http(s)://host:port of the server. */
  readonly server: URL;
  readonly room: string;
  readonly user: string;
  readonly token: string | undefined;
  /** Resume after this id. */
  readonly since: number;
  /** Poll only: reuse connections instead of one per request. */
  readonly keepalive: boolean;
  readonly timing: TransportTiming;
  readonly clock: Clock;
  /** In [0, 1); spreads periodic requests of clients that started together. */
  readonly random: () => number;
  readonly meter: Meter;
}

/** What a transport learned when it opened. */
export interface OpenedInfo {
  /** The server's history id; a new one means the history was reset. */
  readonly epoch: string;
  /** The room's newest id when the transport opened (ws and sse say it). */
  readonly lastId?: number;
  /** Who is online (ws and sse say it in their welcome). */
  readonly online?: readonly OnlineEntry[];
  /** Where the history the server keeps begins, when the transport resumed from before it (ws and sse). */
  readonly firstId?: number;
}

/** The server did not take a send: retry it later, or never. */
export interface SendFailure {
  readonly clientId: string;
  readonly code: string;
  readonly message: string;
  /** Try the entry again after this long; undefined: the server will never take it. */
  readonly retryAfterMs: number | undefined;
}

/** How a transport reports to the connection that owns it. */
export interface TransportOwner {
  opened(info: OpenedInfo): void;
  message(message: Message): void;
  presence(event: PresenceEvent): void;
  /** A fresh online list from a transport that polls for it; `initial` for the first after opening. */
  online(list: readonly OnlineEntry[], initial: boolean): void;
  typing(user: string): void;
  /** The messages before `firstId` that this client had not seen were trimmed by the server and will never come. */
  trimmed(firstId: number): void;
  ack(clientId: string, id: number): void;
  sendFailed(failure: SendFailure): void;
  /** The transport ended; called once, and nothing else is called after it. */
  closed(report: TransportClosed): void;
}

/** What the connection needs of a transport; tests script their own. */
export interface TransportHandle {
  readonly kind: TransportKind;
  /** Whether several sends may be in flight and still be stored in order (one ordered socket). */
  readonly pipelined: boolean;
  open(): void;
  close(): void;
  /** Writes a message; false when the transport is not open. */
  send(entry: OutboxEntry): boolean;
  typing(): void;
}

/** Makes the transport for one attempt; tests pass a scripted one. */
export type TransportFactory = (kind: TransportKind, context: TransportContext, owner: TransportOwner) => TransportHandle;

type Phase = 'idle' | 'opening' | 'open' | 'closed';

/**
 * One connection attempt of one transport. Public `open/close/send` check the phase and call the
 * subclass's small `doOpen/doClose/write`; every way of ending goes through `onClose(report)`,
 * which runs once. A transport is never reused: the connection makes a new one to reconnect.
 */
export abstract class Transport implements TransportHandle {
  abstract readonly kind: TransportKind;
  abstract readonly pipelined: boolean;
  /** How the open reads in reasons: "ws upgrade", "sse stream", … */
  protected abstract readonly opening: string;
  #phase: Phase = 'idle';
  #openTimer: unknown;
  #watchdog: unknown;
  #lastSeen = 0;

  constructor(
    protected readonly ctx: TransportContext,
    protected readonly owner: TransportOwner,
  ) {}

  open(): void {
    if (this.#phase !== 'idle') return;
    this.#phase = 'opening';
    const ms = this.ctx.timing.openTimeoutMs;
    this.#openTimer = this.ctx.clock.setTimeout(() => this.onClose(timedOut(this.opening, ms)), ms);
    this.doOpen();
  }

  close(): void {
    this.onClose(closedByClient());
  }

  send(entry: OutboxEntry): boolean {
    if (this.#phase !== 'open') return false;
    this.write(entry);
    return true;
  }

  typing(): void {
    if (this.#phase === 'open') this.writeTyping();
  }

  /** Not closed yet: callbacks of sockets and requests check this before acting. */
  protected get live(): boolean {
    return this.#phase !== 'closed';
  }

  protected get isOpen(): boolean {
    return this.#phase === 'open';
  }

  protected onOpen(info: OpenedInfo): void {
    if (this.#phase !== 'opening') return;
    this.#phase = 'open';
    this.#clearOpenTimer();
    debug.transport('%s open, epoch %s', this.kind, info.epoch);
    this.owner.opened(info);
  }

  /** The single exit: stops timers, lets the subclass release its sockets, tells the owner once. */
  protected onClose(report: CloseReport): void {
    if (this.#phase === 'closed') return;
    const wasOpen = this.#phase === 'open';
    this.#phase = 'closed';
    this.#clearOpenTimer();
    if (this.#watchdog !== undefined) this.ctx.clock.clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    debug.transport('%s closed: %s', this.kind, report.reason);
    this.doClose(report);
    this.owner.closed({ ...report, wasOpen });
  }

  /**
   * Starts noticing a dead connection: with nothing heard (`alive()`) for two heartbeat intervals,
   * the transport closes as dropped. One timer per heartbeat, not one per frame.
   */
  protected watch(): void {
    this.#lastSeen = this.ctx.clock.now();
    const interval = this.ctx.timing.heartbeatMs;
    const check = (): void => {
      if (!this.live) return;
      const silent = this.ctx.clock.now() - this.#lastSeen;
      if (silent >= 2 * interval) {
        this.onClose({ code: 'dropped', reason: `no frame, ping or keep-alive for ${silent} ms (two heartbeats of ${interval} ms)`, retry: true, unreachable: false });
        return;
      }
      this.#watchdog = this.ctx.clock.setTimeout(check, Math.min(interval, 2 * interval - silent));
    };
    this.#watchdog = this.ctx.clock.setTimeout(check, interval);
  }

  /** Something arrived from the server. */
  protected alive(): void {
    this.#lastSeen = this.ctx.clock.now();
  }

  #clearOpenTimer(): void {
    if (this.#openTimer !== undefined) this.ctx.clock.clearTimeout(this.#openTimer);
    this.#openTimer = undefined;
  }

  protected abstract doOpen(): void;
  /** Releases sockets and timers; `report.code` is 'client' when the caller closed (ws then says 1000). */
  protected abstract doClose(report: CloseReport): void;
  protected abstract write(entry: OutboxEntry): void;
  protected abstract writeTyping(): void;
}

/** `path` with the room, the user and `params` as its query: what an HTTP request asks for. */
export function requestTarget(ctx: TransportContext, path: string, params: Readonly<Record<string, string>> = {}): string {
  let target = `${path}?room=${encodeURIComponent(ctx.room)}&user=${encodeURIComponent(ctx.user)}`;
  for (const [key, value] of Object.entries(params)) target += `&${key}=${encodeURIComponent(value)}`;
  return target;
}

/** The same as a whole URL on the server (the WebSocket's). */
export function endpoint(ctx: TransportContext, path: string, params: Readonly<Record<string, string>> = {}): URL {
  return new URL(requestTarget(ctx, path, params), ctx.server);
}

/** The token goes in a header, never in the URL, where logs and proxies would keep it. */
export function authHeaders(ctx: TransportContext): Record<string, string> {
  return ctx.token === undefined ? {} : { authorization: `Bearer ${ctx.token}` };
}
