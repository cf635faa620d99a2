import { ErrorCode, type Message, type OnlineEntry, type PresenceEvent, type ServerFrame, type TransportKind } from '../protocol/plain.js';
import type { BackoffOptions } from './backoff.js';
import { closedByClient, dropped, seconds, timedOut, type CloseReport, type TransportClosed } from './close-report.js';
import { believedHeartbeat, type Silence } from './liveness.js';
import { debug } from './log.js';
import type { Clock, DialTarget, OutboxEntry } from './types.js';
import { Watchdog } from './watchdog.js';
import type { Meter } from './wire.js';

/** Timings every transport works with, resolved from ClientOptions. */
export interface TransportTiming {
  /** The server's heartbeat as assumed until it says its own (`welcome`, a long poll's opening answer). */
  readonly heartbeatMs: number;
  readonly openTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly pollIntervalMs: number;
  /** The longest a long poll asks to be held; it asks no longer than the server's heartbeat. */
  readonly longPollWaitMs: number;
  /** WebSocket pings this often; undefined: once every heartbeat the server announced. */
  readonly pingIntervalMs: number | undefined;
  readonly presenceIntervalMs: number;
}

/** What one transport attempt is given. */
export interface TransportContext {
  /** http(s)://host:port of the server. */
  readonly server: URL;
  /** Where its TCP connections go instead of its address (a relay in front of it); undefined: to the server. */
  readonly dial?: DialTarget | undefined;
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
  /** The connection's reconnect backoff, whose first step a stream that retries by itself asks for. */
  readonly backoff: BackoffOptions;
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
  /**
   * The backlog that was waiting when the transport opened (the messages after `since` up to the
   * room's last id, or a poll's opening answer and the pages that follow it at once) is delivered;
   * messages from now on are live. Called once, after `opened`.
   */
  caughtUp(): void;
  presence(event: PresenceEvent): void;
  /** A fresh online list from a transport that polls for it; `initial` for the first after opening. */
  online(list: readonly OnlineEntry[], initial: boolean): void;
  typing(user: string): void;
  /** The messages before `firstId` that this client had not seen were trimmed by the server and will never come. */
  trimmed(firstId: number): void;
  ack(clientId: string, id: number): void;
  sendFailed(failure: SendFailure): void;
  /**
   * The open transport lost its link and retries by itself in `retryMs`, resuming where it was
   * (a browser's EventSource); `reopening` follows when it tries, then `opened` or `closed`.
   */
  lost(report: TransportClosed, retryMs: number): void;
  /** A lost transport tries to open again. */
  reopening(): void;
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
  /** How long the server has been silent, once that is overdue (past a heartbeat and half a grace); undefined while it is heard as expected. */
  quietFor(): number | undefined;
}

/** Makes the transport for one attempt; tests pass a scripted one. */
export type TransportFactory = (kind: TransportKind, context: TransportContext, owner: TransportOwner) => TransportHandle;

/** `lost`: an open stream that dropped and will retry by itself (onLost), then opening again. */
type Phase = 'idle' | 'opening' | 'open' | 'lost' | 'closed';

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
  /** Times silence against the heartbeat assumed until a transport says better. */
  readonly #watchdog: Watchdog;
  /** The room's last id when a stream opened, until the backlog up to it is delivered. */
  #backlogThrough: number | undefined;
  #caughtUp = false;
  /** Where a stream resumes: `since`, then the last message it delivered. */
  #resumeFrom: number;

  constructor(
    protected readonly ctx: TransportContext,
    protected readonly owner: TransportOwner,
  ) {
    this.#watchdog = new Watchdog(ctx.clock, ctx.timing.heartbeatMs);
    this.#resumeFrom = ctx.since;
  }

  open(): void {
    if (this.#phase !== 'idle') return;
    this.#phase = 'opening';
    this.#armOpenTimer();
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

  quietFor(): number | undefined {
    return this.#phase === 'open' ? this.#watchdog.quietFor() : undefined;
  }

  /** Not closed yet: callbacks of sockets and requests check this before acting. */
  protected get live(): boolean {
    return this.#phase !== 'closed';
  }

  protected get isOpen(): boolean {
    return this.#phase === 'open';
  }

  /**
   * The transport is open. A stream's `lastId` says where its backlog ends: `deliver` tells the
   * owner once it is through; a polling transport calls `caughtUp` itself.
   */
  protected onOpen(info: OpenedInfo): void {
    if (this.#phase !== 'opening') return;
    this.#phase = 'open';
    this.#clearOpenTimer();
    this.alive();
    debug.transport('%s open, epoch %s', this.kind, info.epoch);
    this.owner.opened(info);
    if (info.lastId === undefined || !this.live) return;
    // Nothing kept between the resume point and the last id: no backlog is coming.
    if (info.lastId <= Math.max(this.#resumeFrom, (info.firstId ?? 0) - 1)) this.caughtUp();
    else this.#backlogThrough = info.lastId;
  }

  /**
   * A stream's `welcome`: silence is timed against the heartbeat it announces from now on (or the
   * one assumed, from a server that says none), and the transport opens. Returns that heartbeat.
   */
  protected welcomed(welcome: Extract<ServerFrame, { type: 'welcome' }>): number {
    const heartbeatMs = believedHeartbeat(welcome.heartbeatMs, this.ctx.timing.heartbeatMs);
    this.expect(heartbeatMs);
    this.onOpen({ epoch: welcome.epoch, lastId: welcome.lastId, online: welcome.online, firstId: welcome.firstId });
    return heartbeatMs;
  }

  /**
   * A frame a stream brought, a WebSocket's or an SSE event as the frame it stands for, however it
   * was read: told to the owner, `welcome` through `onWelcome`.
   */
  protected onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        return this.onWelcome(frame);
      case 'message':
        return this.deliver(frame.message);
      case 'ack':
        return this.owner.ack(frame.clientId, frame.id);
      case 'presence':
        return this.owner.presence({ event: frame.event, user: frame.user, transport: frame.transport, online: frame.online });
      case 'typing':
        return this.owner.typing(frame.user);
      case 'pong':
        return this.ctx.meter.pingRtt(this.ctx.clock.now() - frame.t);
      case 'error':
        if (frame.clientId === undefined) return void debug.transport('%s error frame: %s %s', this.kind, frame.code, frame.message);
        return this.owner.sendFailed({
          clientId: frame.clientId,
          code: frame.code,
          message: frame.message,
          // Rate limits say when; "unavailable" (not stored) may work in a second; anything else never will.
          retryAfterMs: frame.retryAfterMs ?? (frame.code === ErrorCode.unavailable ? 1000 : undefined),
        });
    }
  }

  /** A stream's `welcome` opens the transport; a WebSocket also starts pinging. */
  protected onWelcome(welcome: Extract<ServerFrame, { type: 'welcome' }>): void {
    this.welcomed(welcome);
  }

  /** Hands a stream's message to the owner, saying when the backlog is through. */
  protected deliver(message: Message): void {
    const through = this.#backlogThrough;
    // The backlog's end may have been trimmed away while it came: a later id is live.
    if (through !== undefined && message.id > through) this.caughtUp();
    // A stream's ids only grow.
    this.#resumeFrom = message.id;
    this.owner.message(message);
    if (through !== undefined && message.id === through && this.live) this.caughtUp();
  }

  /** The backlog is delivered: said once. */
  protected caughtUp(): void {
    if (this.#caughtUp) return;
    this.#caughtUp = true;
    this.#backlogThrough = undefined;
    this.owner.caughtUp();
  }

  /**
   * The open stream dropped and retries by itself in `retryMs`, resuming after the last message it
   * delivered: the owner shows it reconnecting. When the retry is due (or the subclass sees it
   * happen first: `reopening()`), it has the open timeout to open again, its next welcome bringing
   * the backlog since that message; or it ends through `onClose`.
   */
  protected onLost(report: CloseReport, retryMs: number): void {
    if (this.#phase !== 'open') return;
    this.#phase = 'lost';
    this.#watchdog.stop();
    // The next open says its backlog again (the one cut short needs no end: caughtUp() ends it).
    this.#caughtUp = false;
    // The open timer's slot holds the wait, which onClose clears as it would the open timeout.
    this.#openTimer = this.ctx.clock.setTimeout(() => this.reopening(), retryMs);
    this.owner.lost({ ...report, wasOpen: true, heardAt: this.#watchdog.heardAt }, retryMs);
  }

  /** A lost stream tries again now. */
  protected reopening(): void {
    if (this.#phase !== 'lost') return;
    this.#phase = 'opening';
    this.#armOpenTimer();
    this.doReopen();
    this.owner.reopening();
  }

  /** What a subclass does as its stream retries by itself: count the request its browser makes. */
  protected doReopen(): void {}

  /** The single exit: stops timers, lets the subclass release its sockets, tells the owner once. */
  protected onClose(report: CloseReport): void {
    // The owner saw a lost stream reconnecting, and sees it try before it closes.
    if (this.#phase === 'lost') this.owner.reopening();
    if (this.#phase === 'closed') return;
    const wasOpen = this.#phase === 'open';
    this.#phase = 'closed';
    this.#clearOpenTimer();
    this.#watchdog.stop();
    debug.transport('%s closed: %s', this.kind, report.reason);
    this.doClose(report);
    this.owner.closed(wasOpen ? { ...report, wasOpen, heardAt: this.#watchdog.heardAt } : { ...report, wasOpen });
  }

  /** Starts noticing a dead stream: with nothing heard (`alive()`) for a heartbeat and its grace, the transport closes as dropped. */
  protected watch(): void {
    if (!this.live) return;
    this.#watchdog.watch((silent, { cadenceMs, graceMs }) =>
      this.onClose(dropped(`no frame, ping or keep-alive for ${seconds(silent)} (a heartbeat of ${seconds(cadenceMs)} and a grace of ${seconds(graceMs)})`)),
    );
  }

  /**
   * The server should be heard from at least every `cadenceMs` (a heartbeat, a poll's wait or
   * interval); `slowestMs`, the slowest recent answer, widens a request's grace.
   */
  protected expect(cadenceMs: number, slowestMs = 0): void {
    this.#watchdog.expect(cadenceMs, slowestMs);
  }

  /** The silence bounds now, for a request's deadline. */
  protected get silence(): Silence {
    return this.#watchdog.bounds;
  }

  /** Something arrived from the server. */
  protected alive(): void {
    this.#watchdog.heard();
  }

  #armOpenTimer(): void {
    this.#clearOpenTimer();
    const ms = this.ctx.timing.openTimeoutMs;
    this.#openTimer = this.ctx.clock.setTimeout(() => this.onClose(timedOut(this.opening, ms)), ms);
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
