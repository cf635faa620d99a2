import type { Message, OnlineEntry, TransportKind } from '../../src/protocol/index.js';
import type { ChatClient, ChatClientEvents, ClientCounters, ClientOptions, ClientStats, Clock, ConnectionState, LatencySummary, OutboxEntry, TransportChoice } from '../../src/transports/types.js';
import type { WireEvent, WireListener } from '../../src/transports/wire-events.js';

type Listener = (...args: never[]) => void;

/** A clock the test moves by hand; timers fire in due order as it advances. */
export class ManualClock implements Clock {
  private current: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2025, 0, 1, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.current + ms, fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].fn();
    }
    this.current = target;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}

const emptyLatency: LatencySummary = { last: undefined, avg: undefined, p50: undefined, p95: undefined, recent: [], count: 0 };

/** Stats as a fresh client would report them, with `patch` applied. */
export function makeStats(patch: Partial<ClientStats> = {}): ClientStats {
  return {
    state: 'idle',
    transport: undefined,
    echoLatency: emptyLatency,
    oneWayLatency: emptyLatency,
    polls: undefined,
    emptyPolls: undefined,
    wastedPollsPercent: undefined,
    requests: 0,
    requestsPerSecond: 0,
    tcpConnections: 0,
    bytesSent: 0,
    bytesReceived: 0,
    overheadBytesPerMessage: undefined,
    reconnects: 0,
    messagesSent: 0,
    messagesReceived: 0,
    pingRtt: undefined,
    pending: 0,
    duplicatesDropped: 0,
    quietMs: undefined,
    ...patch,
  };
}

let nextId = 1;

/** A message as the server would deliver it. */
export function makeMessage(patch: Partial<Message> & { readonly user: string; readonly text: string }): Message {
  const id = patch.id ?? nextId++;
  return { id, room: 'lobby', sentAt: Date.UTC(2025, 0, 1, 12, 0, 0), serverAt: Date.UTC(2025, 0, 1, 12, 0, 0), ...patch };
}

/**
 * An in-memory ChatClient: the UI's input, driven by the test. Nothing goes over a network; the
 * test emits what a real client would and reads what the UI asked of it.
 */
export class FakeChatClient implements ChatClient {
  readonly options: ClientOptions;
  state: ConnectionState = { status: 'idle' };
  /** Kept by setState from the states that carry them, as the real client keeps them. */
  transport: TransportKind | undefined;
  server: string | undefined;
  online: readonly OnlineEntry[] = [];
  readonly sent: OutboxEntry[] = [];
  readonly switches: TransportChoice[] = [];
  /** Every id markRead was called with, in order. */
  readonly markedRead: number[] = [];
  connectCalls = 0;
  closeCalls = 0;
  typingCalls = 0;
  retryCalls = 0;
  currentStats: ClientStats = makeStats();
  private readonly listeners = new Map<keyof ChatClientEvents, Set<Listener>>();
  readonly wireListeners = new Set<WireListener>();
  private clientIds = 0;

  constructor(options: Partial<ClientOptions> = {}) {
    this.options = { server: 'http://127.0.0.1:4000', room: 'lobby', user: 'alice', transport: 'ws', clock: new ManualClock(), ...options };
  }

  get clock(): ManualClock {
    return this.options.clock as ManualClock;
  }

  on<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as unknown as Listener);
    this.listeners.set(event, set);
    return this;
  }

  off<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): this {
    this.listeners.get(event)?.delete(listener as unknown as Listener);
    return this;
  }

  /** Delivers an event to the UI's listeners, as the real client would. */
  emit<E extends keyof ChatClientEvents>(event: E, ...args: ChatClientEvents[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as unknown as (...a: ChatClientEvents[E]) => void)(...args);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Moves to `next`, emitting (next, previous). */
  setState(next: ConnectionState): void {
    const previous = this.state;
    this.state = next;
    if (next.status === 'connecting' || next.status === 'open') {
      this.transport = next.transport;
      // Tests may leave the server out of a state; the real client always names it.
      this.server = next.server ?? this.server;
    }
    this.emit('state', next, previous);
  }

  setOnline(online: readonly OnlineEntry[]): void {
    this.online = online;
    this.emit('online', online);
  }

  connect(): void {
    this.connectCalls++;
  }

  close(): void {
    this.closeCalls++;
    if (this.state.status !== 'closed') this.setState({ status: 'closed', reason: 'closed by the client', cause: 'client' });
  }

  send(text: string): OutboxEntry {
    // Unique across fakes, as real clientIds (UUIDs) are.
    const entry: OutboxEntry = { clientId: `${this.options.user}-c${++this.clientIds}`, text, sentAt: this.clock.now(), status: 'pending' };
    this.sent.push(entry);
    return entry;
  }

  typing(): void {
    this.typingCalls++;
  }

  markRead(id: number): void {
    this.markedRead.push(id);
  }

  retryNow(): void {
    this.retryCalls++;
  }

  switchTransport(transport: TransportChoice): void {
    this.switches.push(transport);
  }

  stats(): ClientStats {
    return this.currentStats;
  }

  counters(): ClientCounters {
    return this.currentStats;
  }

  watchWire(listener: WireListener): () => void {
    this.wireListeners.add(listener);
    return () => this.wireListeners.delete(listener);
  }

  /** Delivers a wire event to whoever watches, as the real client would. */
  emitWire(event: WireEvent): void {
    for (const listener of [...this.wireListeners]) listener(event);
  }
}
