import { checkText, READS_INTERVAL_MS, TYPING_INTERVAL_MS, type Message, type OnlineEntry, type PresenceEvent, type ReadPosition, type TransportKind } from '../protocol/plain.js';
import { autoFallback, firstTransport } from './auto.js';
import { backoffDelay } from './backoff.js';
import { newClientId } from './client-id.js';
import type { TransportClosed } from './close-report.js';
import { TypedEmitter } from './emitter.js';
import { debug } from './log.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { Outbox } from './outbox.js';
import { OutboxPump } from './outbox-pump.js';
import { applyPresence, diffPresence, sortOnline } from './presence-list.js';
import type { ReadTeller, ReadTellerFactory } from './read-reporter.js';
import { canTransition, describeState } from './state.js';
import { StatsRecorder, type SocketCounting } from './stats.js';
import type { OpenedInfo, SendFailure, TransportFactory, TransportHandle, TransportOwner } from './transport.js';
import type { ChatClient, ChatClientEvents, ClientCounters, ClientOptions, ClientStats, ConnectFailure, ConnectionState, OutboxEntry, TransportChoice } from './types.js';
import type { WireListener } from './wire-events.js';
import type { WireTotals } from './wire.js';

/** What a connection is built on where it runs: Node's transports (createClient), a browser's (the web page) or a test's script. */
export interface ConnectionDeps {
  /** Makes the transport of each attempt. */
  readonly createTransport: TransportFactory;
  /** Connections and bytes where sockets cannot be seen (a browser): an estimate; else each socket's own count. */
  readonly wire?: WireTotals;
  /** What tells the server how far the user read (read receipts); without it, markRead tells nothing. */
  readonly readTeller?: ReadTellerFactory;
  /** Where sockets can be seen (Node's clients): a fresh count of them for this connection, with the wire view over them. */
  readonly sockets?: () => SocketCounting;
}

/**
 * The ChatClient: owns one transport at a time and everything that outlives it — the state
 * machine, reconnect backoff, the resume point (last id and epoch), dedupe at the edge, the
 * outbox and the stats. Each transport gets an owner bound to its generation, so callbacks from
 * a transport that was replaced are ignored.
 */
export class Connection extends TypedEmitter<ChatClientEvents> implements ChatClient {
  readonly options: ClientOptions;
  readonly #cfg: ResolvedOptions;
  readonly #createTransport: TransportFactory;
  readonly #stats: StatsRecorder;
  readonly #outbox = new Outbox();
  #state: ConnectionState = { status: 'idle' };
  #auto: boolean;
  #kind: TransportKind;
  #transport: TransportHandle | undefined;
  #generation = 0;
  /** The reconnect attempt: 0 while connected, growing while the server stays unreachable. */
  #attempt = 0;
  #retryTimer: unknown;
  readonly #pump: OutboxPump;
  readonly #reads: ReadTeller | undefined;
  #lastId: number;
  #since = 0;
  #epoch: string | undefined;
  #everOpened = false;
  #online: readonly OnlineEntry[] = [];
  /** Which of the servers the current or next transport talks to. */
  #serverIndex = 0;
  /** The origin of the last transport made: the index moves on before the reconnect wait. */
  #lastServer: string | undefined;
  #lastTypingAt = Number.NEGATIVE_INFINITY;
  /** While the current transport delivers the backlog it opened on: those messages are not timed as latency. */
  #inBacklog = false;
  /** When the link was last heard from before it dropped, until a transport opens again. */
  #lostAt: number | undefined;
  /** What the backlog after an outage brought so far, for the line that says it. */
  #catchUp: { readonly outageMs: number; count: number } | undefined;

  constructor(options: ClientOptions, deps: ConnectionDeps) {
    super();
    this.options = options;
    this.#cfg = resolveOptions(options);
    this.#createTransport = deps.createTransport;
    this.#stats = new StatsRecorder(this.#cfg.clock, deps.wire, deps.sockets?.(), () => this.#kind);
    this.#auto = options.transport === 'auto';
    this.#kind = firstTransport(options.transport);
    this.#lastId = this.#cfg.since;
    this.#pump = new OutboxPump(this.#outbox, this.#cfg.clock, this.#cfg.ackTimeoutMs, {
      transport: () => (this.#state.status === 'open' ? this.#transport : undefined),
      written: (clientId, at) => this.#stats.written(clientId, at),
      changed: () => this.#emitOutbox(),
    });
    this.#reads = deps.readTeller?.(this.#cfg.clock, READS_INTERVAL_MS, () => (this.#state.status === 'open' ? this.#transport : undefined));
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get transport(): TransportKind | undefined {
    return this.#state.status === 'idle' ? undefined : this.#kind;
  }

  get server(): string | undefined {
    return this.#lastServer;
  }

  get online(): readonly OnlineEntry[] {
    return this.#online;
  }

  connect(): void {
    if (this.#state.status === 'idle') this.#start(0);
  }

  close(): void {
    if (this.#state.status === 'closed') return;
    this.#stopTransport();
    this.#clearRetry();
    this.#pump.stop();
    this.#reads?.stop();
    this.#setState({ status: 'closed', cause: 'client', reason: 'closed by the client' });
  }

  send(text: string): OutboxEntry {
    const clientId = newClientId();
    const now = this.#cfg.clock.now();
    const checked = checkText(text, Number.MAX_SAFE_INTEGER);
    if (!checked.ok || this.#state.status === 'closed') {
      const error = checked.ok ? { code: 'closed', message: 'the client is closed' } : { code: checked.code, message: checked.error };
      return { clientId, text, sentAt: now, status: 'failed', error };
    }
    const entry = this.#outbox.add(clientId, text, now);
    this.#emitOutbox();
    this.#pump.flush();
    return entry;
  }

  typing(): void {
    const now = this.#cfg.clock.now();
    // The client's only throttle: callers signal on every edit and leave the cadence to this.
    if (this.#state.status !== 'open' || now - this.#lastTypingAt < TYPING_INTERVAL_MS) return;
    this.#lastTypingAt = now;
    this.#transport?.typing();
  }

  markRead(id: number): void {
    // With receipts off, the user's reading is their own.
    if (this.#cfg.receipts && this.#state.status !== 'closed') this.#reads?.read(Math.min(id, this.#lastId));
  }

  retryNow(): void {
    if (this.#state.status !== 'reconnecting') return;
    // A transport that retries by itself is waiting still: a new one replaces it.
    this.#stopTransport();
    this.#clearRetry();
    this.#start(this.#attempt);
  }

  switchTransport(choice: TransportChoice): void {
    if (this.#state.status === 'closed') return;
    this.#auto = choice === 'auto';
    this.#kind = firstTransport(choice);
    if (this.#state.status === 'idle') return;
    this.#stopTransport();
    this.#clearRetry();
    this.#attempt = 0;
    // A switch the caller asked for is not a reconnect.
    this.#everOpened = false;
    this.#start(0);
  }

  stats(): ClientStats {
    const quietMs = this.#state.status === 'open' ? this.#transport?.quietFor() : undefined;
    return this.#stats.snapshot({ state: this.#state.status, transport: this.transport, pending: this.#outbox.size, quietMs });
  }

  counters(): ClientCounters {
    return this.#stats.counters(this.transport);
  }

  watchWire(listener: WireListener): () => void {
    return this.#stats.watchWire(listener);
  }

  /** A new transport from the resume point; `attempt` is the reconnect attempt it belongs to. */
  #start(attempt: number): void {
    const generation = ++this.#generation;
    const since = this.#lastId;
    const { room, user, token, keepalive, receipts, timing, clock, random, backoff } = this.#cfg;
    const server = this.#server();
    const dial = this.#cfg.dial?.(server.origin);
    const transport = this.#createTransport(this.#kind, { server, dial, room, user, token, since, keepalive, receipts, timing, clock, random, backoff, meter: this.#stats }, this.#ownerFor(generation));
    this.#transport = transport;
    this.#since = since;
    this.#lastServer = server.origin;
    this.#connecting(attempt);
    // A state listener may have closed or switched already.
    if (generation === this.#generation) transport.open();
  }

  /** Ends the current transport on our initiative; its late callbacks no longer count. */
  #stopTransport(): void {
    const transport = this.#transport;
    this.#transport = undefined;
    this.#generation++;
    this.#pump.transportGone();
    this.#endBacklog();
    transport?.close();
  }

  #ownerFor(generation: number): TransportOwner {
    const current = (): boolean => generation === this.#generation;
    return {
      opened: (info) => current() && this.#onOpened(info),
      message: (message) => current() && this.#onMessage(message),
      caughtUp: () => current() && this.#endBacklog(),
      presence: (event) => current() && this.#onPresence(event),
      online: (list, initial) => current() && this.#onOnline(list, initial),
      typing: (user) => current() && this.emit('typing', user),
      trimmed: (firstId) => current() && this.#onTrimmed(firstId),
      ack: (clientId, id) => current() && this.#onAck(clientId, id),
      sendFailed: (failure) => current() && this.#onSendFailed(failure),
      reads: (reads) => current() && this.#onReads(reads),
      readRefused: (retryAfterMs) => current() && this.#reads?.refused(retryAfterMs),
      lost: (report, retryMs) => current() && this.#onLost(report, retryMs),
      reopening: () => current() && this.#onReopening(),
      closed: (report) => current() && this.#onClosed(report),
    };
  }

  #onOpened(info: OpenedInfo): void {
    const previousEpoch = this.#epoch;
    this.#epoch = info.epoch;
    if (previousEpoch !== undefined && previousEpoch !== info.epoch) {
      const resumedFrom = this.#lastId;
      this.#lastId = 0;
      this.#reads?.reset();
      // The history that follows is a new one, not what an outage kept from us.
      this.#lostAt = undefined;
      debug.client('history reset (epoch %s → %s), resuming from 0', previousEpoch, info.epoch);
      // This transport resumed after an id of the old history: start over on a fresh one.
      if (resumedFrom > 0) {
        this.#stopTransport();
        this.#start(0);
      }
      this.emit('reset', { previousEpoch, epoch: info.epoch });
      if (resumedFrom > 0) return;
    }
    if (this.#state.status !== 'connecting') return;
    if (this.#everOpened) this.#stats.reconnected();
    this.#everOpened = true;
    this.#attempt = 0;
    this.#inBacklog = true;
    if (this.#lostAt !== undefined) this.#catchUp = { outageMs: this.#cfg.clock.now() - this.#lostAt, count: 0 };
    this.#lostAt = undefined;
    this.#setState({ status: 'open', transport: this.#kind, since: this.#since, server: this.#server().origin });
    // A state listener may have moved on already.
    if (info.online !== undefined && this.#status() === 'open') {
      this.#online = info.online;
      this.emit('online', this.#online);
    }
    if (info.firstId !== undefined && this.#status() === 'open') this.#onTrimmed(info.firstId);
    this.#pump.flush();
    if (this.#status() === 'open') this.#reads?.opened();
  }

  #onReads(reads: readonly ReadPosition[]): void {
    if (this.#cfg.receipts && reads.length > 0) this.emit('reads', reads);
  }

  /**
   * The server no longer keeps the messages before `firstId`: those this client had not seen will
   * never come. Said once; the resume point moves past them, so no later connection says it again.
   */
  #onTrimmed(firstId: number): void {
    if (firstId <= this.#lastId + 1) return;
    debug.client('history before #%d was trimmed (last seen #%d)', firstId, this.#lastId);
    this.#lastId = firstId - 1;
    this.emit('trimmed', { firstId });
  }

  #onClosed(report: TransportClosed): void {
    this.#transport = undefined;
    this.#generation++;
    this.#linkDown(report);
    const fallback = this.#auto ? autoFallback(this.#kind, report) : undefined;
    if (fallback !== undefined) {
      const from = this.#kind;
      this.#kind = fallback.to;
      debug.client('auto → %s: %s', fallback.to, fallback.reason);
      this.emit('fallback', { from, to: fallback.to, reason: fallback.reason });
      if (this.#status() !== 'closed' && this.#transport === undefined) this.#start(0);
      return;
    }
    if (!report.retry) {
      const cause = report.code === 'client' ? 'client' : report.code === 'unauthorized' || report.code === 'forbidden' ? report.code : 'fatal';
      this.#pump.stop();
      this.#reads?.stop();
      this.#setState({ status: 'closed', cause, reason: report.reason, ...(cause === 'client' ? {} : { failure: this.#failure(report) }) });
      return;
    }
    // A connection that was open starts the backoff over; failing to connect makes it grow.
    this.#attempt = report.wasOpen ? 1 : this.#attempt + 1;
    // With several instances, the next try goes to the next one: the history is shared, so the
    // client resumes there by id.
    this.#serverIndex = (this.#serverIndex + 1) % this.#cfg.servers.length;
    const delayMs = backoffDelay(this.#attempt, this.#cfg.backoff, this.#cfg.random);
    this.#retryTimer = this.#cfg.clock.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#start(this.#attempt);
    }, delayMs);
    this.#reconnecting(delayMs, report);
  }

  /**
   * The open transport lost its link and retries by itself in `retryMs` (a page's EventSource,
   * resuming by Last-Event-ID): reconnecting, as after a close, but the transport stays, and it is
   * the first attempt; if its own retry fails, it closes and the backoff goes on from the second.
   */
  #onLost(report: TransportClosed, retryMs: number): void {
    this.#linkDown(report);
    this.#attempt = 1;
    this.#reconnecting(retryMs, report);
  }

  #onReopening(): void {
    this.#since = this.#lastId;
    this.#connecting(this.#attempt);
  }

  /** Attempt `attempt` begins, on the current server. */
  #connecting(attempt: number): void {
    this.#setState({ status: 'connecting', attempt, transport: this.#kind, server: this.#server().origin });
  }

  /** The current attempt comes in `delayMs`, by the connection's timer or the transport's own retry, after `report`'s failure. */
  #reconnecting(delayMs: number, report: TransportClosed): void {
    this.#setState({ status: 'reconnecting', attempt: this.#attempt, delayMs, retryAt: this.#cfg.clock.now() + delayMs, reason: report.reason, failure: this.#failure(report) });
  }

  /**
   * What ended the last transport, said as data for the caller, with the server it tried. Through
   * a relay, a connect that failed there (the relay took the connection, then could not reach the
   * server) is said as the relay saw it: the server unreachable, and why.
   */
  #failure(report: TransportClosed): ConnectFailure {
    const server = this.#lastServer ?? this.#server().origin;
    const beyond = report.wasOpen || report.code !== 'dropped' ? undefined : this.#cfg.dial?.(server)?.unreachable?.();
    if (beyond !== undefined) return { code: 'unreachable', server, errno: beyond };
    return {
      code: report.code,
      server,
      ...(report.errno === undefined ? {} : { errno: report.errno }),
      ...(report.errorCode === undefined ? {} : { errorCode: report.errorCode }),
    };
  }

  /** What a link going down means whether its transport ends or retries: in-flight sends go back to pending, the backlog ends, the outage begins. */
  #linkDown(report: TransportClosed): void {
    this.#pump.transportGone();
    this.#endBacklog();
    // The outage began when the link was last heard from, which a dead link's detection comes well after.
    if (report.wasOpen) this.#lostAt = report.heardAt ?? this.#cfg.clock.now();
  }

  #onMessage(message: Message): void {
    // Ids grow by one per room: anything at or below the last one was delivered already.
    if (message.id <= this.#lastId) return this.#stats.duplicate();
    this.#lastId = message.id;
    // A backlog message waited for us to connect: its age is the outage's, not the network's.
    this.#stats.delivered(message, this.#cfg.clock.now(), !this.#inBacklog);
    if (this.#inBacklog && this.#catchUp !== undefined) this.#catchUp.count++;
    this.emit('message', message);
    // Our own message coming back is as good as its acknowledgement (on ws it even comes first).
    if (message.clientId !== undefined) this.#onAck(message.clientId, message.id);
  }

  /**
   * The backlog is delivered, or its transport is gone: messages are live from now on, and what an
   * outage's backlog brought is said once, whether it came whole or in part.
   */
  #endBacklog(): void {
    this.#inBacklog = false;
    const catchUp = this.#catchUp;
    this.#catchUp = undefined;
    if (catchUp !== undefined && catchUp.count > 0) this.emit('caughtUp', { count: catchUp.count, outageMs: catchUp.outageMs });
  }

  #onPresence(event: PresenceEvent): void {
    this.#online = applyPresence(this.#online, event);
    this.emit('presence', event);
    this.emit('online', this.#online);
  }

  #onOnline(list: readonly OnlineEntry[], initial: boolean): void {
    const sorted = sortOnline(list);
    const events = initial ? [] : diffPresence(this.#online, sorted);
    this.#online = sorted;
    for (const event of events) this.emit('presence', event);
    this.emit('online', this.#online);
  }

  #onAck(clientId: string, id: number): void {
    const entry = this.#outbox.ack(clientId, id);
    if (entry === undefined) return;
    this.#pump.settled(clientId);
    this.#stats.acked(entry.text);
    this.emit('ack', entry);
    this.#emitOutbox();
    this.#pump.flush();
  }

  #onSendFailed(failure: SendFailure): void {
    this.#pump.settled(failure.clientId);
    if (failure.retryAfterMs === undefined) {
      const entry = this.#outbox.fail(failure.clientId, { code: failure.code, message: failure.message });
      if (entry === undefined) return;
      this.emit('failed', entry);
    } else {
      debug.client('send %s refused (%s), again in %d ms', failure.clientId, failure.code, failure.retryAfterMs);
      this.#outbox.defer(failure.clientId, this.#cfg.clock.now() + failure.retryAfterMs);
    }
    this.#emitOutbox();
    this.#pump.flush();
  }

  #clearRetry(): void {
    if (this.#retryTimer !== undefined) this.#cfg.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #emitOutbox(): void {
    this.emit('outbox', this.#outbox.entries());
  }

  #server(): URL {
    return this.#cfg.servers[this.#serverIndex]!;
  }

  /** The status now; a method, so that a check after emitting reads it afresh. */
  #status(): ConnectionState['status'] {
    return this.#state.status;
  }

  /** The one place the state changes. */
  #setState(next: ConnectionState): void {
    const previous = this.#state;
    if (!canTransition(previous.status, next.status)) {
      throw new Error(`termchat client: no transition from ${describeState(previous)} to ${describeState(next)}`);
    }
    this.#state = next;
    debug.client('%s → %s', previous.status, describeState(next));
    this.emit('state', next, previous);
  }
}
