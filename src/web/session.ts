import type { Message, TransportKind } from '../protocol/plain.js';
import { realClock } from '../transports/clock.js';
import { Connection } from '../transports/connection.js';
import type { ChatClient, Clock } from '../transports/types.js';
import { conversationReducer, emptyConversation, type ConversationAction, type ConversationState } from '../ui/state/conversation.js';
import { feedConversation } from '../ui/state/conversation-feed.js';
import { nextExpiry, noteMessage, noteTyping, pruneTyping, type TypingState } from '../ui/state/typing.js';
import { pageTransports } from './transports/page-transports.js';
import { browserHeaders, type NavigatorLike } from './wire/estimate.js';
import { PageWire } from './wire/page-wire.js';

/** What a session is asked to join. */
export interface SessionSettings {
  /** The page's own origin: its server. */
  readonly server: string;
  readonly room: string;
  readonly user: string;
  readonly transport: TransportKind;
  readonly intervalMs: number;
  readonly token: string | undefined;
}

/** The parts of a session a view draws, each told apart when it changes. */
export type SessionPart = 'conversation' | 'typing' | 'online' | 'status';

/** Where a session runs: the browser's navigator, and the clock (a test's, or the real one). */
export interface SessionHost {
  readonly navigator: NavigatorLike;
  readonly secureContext: boolean;
  readonly clock?: Clock;
}

/**
 * One chat in the page: the client (src/transports' own connection, on the page's transports),
 * the conversation it feeds (the terminal chat's reducer), who is typing, and the page's wire
 * estimate that its stats read. Views subscribe to its parts; nothing here draws.
 */
export class ChatSession {
  readonly client: ChatClient;
  readonly settings: SessionSettings;
  #conversation: ConversationState = emptyConversation;
  #queue: ConversationAction[] = [];
  #typing: TypingState = new Map();
  #typingTimer: unknown;
  #intervalMs: number;
  readonly #clock: Clock;
  readonly #listeners = new Set<(part: SessionPart) => void>();
  readonly #stop: () => void;

  constructor(settings: SessionSettings, host: SessionHost) {
    this.settings = settings;
    this.#intervalMs = settings.intervalMs;
    this.#clock = host.clock ?? realClock;
    const wire = new PageWire(browserHeaders(host.navigator, host.secureContext), settings.server, () => this.#clock.now(), () => this.#changed('status'));
    const { server, room, user, transport, token } = settings;
    this.client = new Connection(
      { server, room, user, transport, ...(token === undefined ? {} : { token }), interval: settings.intervalMs, clock: this.#clock },
      { createTransport: pageTransports(wire, () => this.#intervalMs), wire },
    );
    const unfeed = feedConversation(this.client, () => user, (action) => this.#record(action), () => this.#clock.now());
    const onTyping = (who: string): void => this.#setTyping(who === user ? this.#typing : noteTyping(this.#typing, who, this.#clock.now()));
    const onMessage = (message: Message): void => this.#setTyping(noteMessage(this.#typing, message.user));
    const onOnline = (): void => this.#changed('online');
    const onStatus = (): void => this.#changed('status');
    this.client.on('typing', onTyping).on('message', onMessage).on('online', onOnline).on('state', onStatus).on('outbox', onStatus).on('message', onStatus);
    this.#stop = () => {
      unfeed();
      this.client.off('typing', onTyping).off('message', onMessage).off('online', onOnline).off('state', onStatus).off('outbox', onStatus).off('message', onStatus);
    };
  }

  /** The conversation, with every action recorded since it was last read applied as one batch. */
  get conversation(): ConversationState {
    const actions = this.#queue;
    if (actions.length > 0) {
      this.#queue = [];
      this.#conversation = conversationReducer(this.#conversation, actions.length === 1 ? actions[0]! : { type: 'batch', actions });
    }
    return this.#conversation;
  }

  /** Others typing now, in the order they started. */
  get typingUsers(): readonly string[] {
    return [...this.#typing.keys()];
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  get clock(): Clock {
    return this.#clock;
  }

  subscribe(listener: (part: SessionPart) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  connect(): void {
    this.client.connect();
  }

  /** Ends the session for good: the client closes (WebSocket 1000) and nothing is told any more. */
  close(): void {
    this.#stop();
    this.client.close();
    if (this.#typingTimer !== undefined) this.#clock.clearTimeout(this.#typingTimer);
    this.#listeners.clear();
  }

  /** Sends a message: shown at once as pending, ✓ once the server has it. */
  send(text: string): void {
    const entry = this.client.send(text);
    this.#record({ type: 'sent', entry, user: this.settings.user });
    if (entry.status !== 'failed') return;
    this.#record({ type: 'failed', entry });
    this.#record({ type: 'system', text: `not sent: ${entry.error?.message ?? 'the client is closed'}`, tone: 'error', at: this.#clock.now() });
  }

  typing(): void {
    this.client.typing();
  }

  /** Another transport, live: the place in the room and the messages not yet sent are kept. */
  switchTransport(kind: TransportKind): void {
    this.client.switchTransport(kind);
  }

  /** Another short-poll interval: polling starts again at it, keeping the place like any switch. */
  setInterval(ms: number): void {
    this.#intervalMs = ms;
    if (this.client.transport === 'poll') this.client.switchTransport('poll');
  }

  /**
   * Queues an action, applied when the conversation is next read: a browser hands the page each
   * WebSocket message and each SSE event as a task of its own, and a backlog of 10,000 applied
   * one by one would copy the conversation 10,000 times; read once a frame, it is one batch.
   */
  #record(action: ConversationAction): void {
    this.#queue.push(action);
    if (this.#queue.length === 1) this.#changed('conversation');
  }

  /** One timer for the soonest expiry of a typing name, none while nobody types. */
  #setTyping(next: TypingState): void {
    if (next === this.#typing) return;
    this.#typing = next;
    if (this.#typingTimer !== undefined) this.#clock.clearTimeout(this.#typingTimer);
    this.#typingTimer = undefined;
    const soonest = nextExpiry(next);
    if (soonest !== undefined) {
      this.#typingTimer = this.#clock.setTimeout(() => this.#setTyping(pruneTyping(this.#typing, Math.max(this.#clock.now(), soonest))), Math.max(0, soonest - this.#clock.now()));
    }
    this.#changed('typing');
  }

  #changed(part: SessionPart): void {
    for (const listener of this.#listeners) listener(part);
  }
}
