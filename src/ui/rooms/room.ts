import type { Message, ReadPosition } from '../../protocol/plain.js';
import { TypedEmitter } from '../../transports/emitter.js';
import type { ChatClient, Clock } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import { conversationReducer, emptyConversation, type ChatEntry, type ConversationAction, type ConversationState } from '../state/conversation.js';
import { mentions } from '../format/mentions.js';
import { explainFailure } from '../state/connect-failure.js';
import { feedConversation } from '../state/conversation-feed.js';
import type { SystemLine } from '../state/system-lines.js';
import { mergeReads, type ReadMap } from '../state/receipts.js';
import { nextExpiry, noteMessage, noteTyping, pruneTyping, type TypingState } from '../state/typing.js';
import { unreadReducer, unseenRoom, type UnreadEvent, type UnreadState } from '../state/unread.js';

/** What a room tells whoever draws it; each event says which part changed. */
export interface RoomEvents {
  conversation: [];
  typing: [];
  unread: [];
  /** The room has a new client (/nick): values read from the client must be read again. */
  client: [];
  /** How far others have read moved (read receipts). */
  reads: [];
  /** A message that names you came while you were not looking. */
  mentioned: [entry: ChatEntry];
}

/**
 * Messages older than the room by this much are history, not news: they neither count as unread
 * nor ring. The slack covers a server clock a little behind this one.
 */
const NEWS_SLACK_MS = 5_000;

/**
 * One room of the chat: its client, and everything the screen shows of it, kept whether or not it
 * is on screen: the conversation, who is typing, what you have not seen. The client's events are
 * turned into conversation actions here, queued and applied once per microtask, so a backlog of
 * thousands of messages is one state change and one render. The conversation outlives the client:
 * /nick gives the room a new client and keeps what it showed.
 */
export class Room extends TypedEmitter<RoomEvents> {
  readonly name: string;
  #client: ChatClient;
  #self: string;
  #conversation: ConversationState = emptyConversation;
  #queue: ConversationAction[] = [];
  #typing: TypingState = new Map();
  #typingNames: readonly string[] = [];
  #typingTimer: unknown;
  #unread: UnreadState = unseenRoom;
  #reads: ReadMap = new Map();
  /** Messages committed before this (by the client's clock) are history. */
  readonly #since: number;
  #detach: () => void = () => {};
  #closed = false;

  constructor(client: ChatClient) {
    super();
    this.name = client.options.room;
    this.#client = client;
    this.#self = client.options.user;
    this.#since = clockOf(client).now() - NEWS_SLACK_MS;
    this.#attach();
  }

  get client(): ChatClient {
    return this.#client;
  }

  get self(): string {
    return this.#self;
  }

  get conversation(): ConversationState {
    return this.#conversation;
  }

  /** Names of others typing now, in the order they started. */
  get typing(): readonly string[] {
    return this.#typingNames;
  }

  get unread(): UnreadState {
    return this.#unread;
  }

  /** How far each user has read the room, as the server told. */
  get reads(): ReadMap {
    return this.#reads;
  }

  get clock(): Clock {
    return clockOf(this.#client);
  }

  /** Connects the client, unless it is under way already. */
  start(): void {
    if (this.#client.state.status === 'idle') this.#client.connect();
  }

  /** Queues an action; actions queued in the same tick are applied as one batch. */
  record(action: ConversationAction): void {
    if (this.#closed) return;
    this.#queue.push(action);
    if (this.#queue.length > 1) return;
    queueMicrotask(() => this.#flush());
  }

  /** A system line in this room's conversation. */
  say(line: SystemLine): void {
    this.record({ type: 'system', text: line.text, tone: line.tone, at: this.clock.now() });
  }

  /** Sends a message as the room's user, showing it at once as pending. */
  send(text: string): void {
    const entry = this.#client.send(text);
    this.record({ type: 'sent', entry, user: this.#self });
    this.#changeUnread({ type: 'sent' });
  }

  /** Whether you look at the room: on screen, at its newest line, in a terminal with focus. */
  setSeeing(seeing: boolean): void {
    this.#changeUnread({ type: 'seeing', seeing, lastSeq: this.#conversation.nextSeq - 1 });
    this.#markRead();
  }

  /** While you look at the room, what it shows is read: the client tells the server (read receipts), at its own pace. */
  #markRead(): void {
    if (this.#unread.seeing && this.#conversation.lastId > 0) this.#client.markRead(this.#conversation.lastId);
  }

  /**
   * A new client for the room (/nick): the old one is closed, its undelivered messages marked as
   * such, and the new one resumes after the last message shown.
   */
  replaceClient(client: ChatClient): void {
    this.#detach();
    this.#client.close();
    this.record({ type: 'abandonPending' });
    this.#client = client;
    this.#self = client.options.user;
    this.#attach();
    this.emit('client');
    this.start();
  }

  /** Leaves the room for good: stops listening, then closes the client (WebSocket 1000). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#detach();
    this.#client.close();
    if (this.#typingTimer !== undefined) this.clock.clearTimeout(this.#typingTimer);
  }

  #flush(): void {
    const actions = this.#queue;
    this.#queue = [];
    if (this.#closed) return;
    const before = this.#conversation;
    this.#conversation = conversationReducer(before, actions.length === 1 ? actions[0]! : { type: 'batch', actions });
    this.#noteNews(before.nextSeq);
    this.#markRead();
    this.emit('conversation');
  }

  /** Counts what the flush added that is news from someone else, and rings for a mention nobody saw. */
  #noteNews(firstNewSeq: number): void {
    const { entries } = this.#conversation;
    let mentioned: ChatEntry | undefined;
    const counted: UnreadEvent[] = [];
    for (let i = entries.length - 1; i >= 0 && entries[i]!.seq >= firstNewSeq; i--) {
      const entry = entries[i]!;
      if (entry.kind !== 'chat' || entry.own || entry.at < this.#since) continue;
      const mention = mentions(entry.text, this.#self);
      counted.push({ type: 'message', seq: entry.seq, mention });
      if (mention && !this.#unread.seeing) mentioned ??= entry;
    }
    if (counted.length === 0) return;
    let next = this.#unread;
    for (const event of counted.reverse()) next = unreadReducer(next, event);
    this.#setUnread(next);
    if (mentioned !== undefined) this.emit('mentioned', mentioned);
  }

  #changeUnread(event: UnreadEvent): void {
    this.#setUnread(unreadReducer(this.#unread, event));
  }

  #setUnread(next: UnreadState): void {
    if (next === this.#unread) return;
    this.#unread = next;
    this.emit('unread');
  }

  #setTyping(next: TypingState): void {
    if (next === this.#typing) return;
    this.#typing = next;
    this.#typingNames = [...next.keys()];
    if (this.#typingTimer !== undefined) this.clock.clearTimeout(this.#typingTimer);
    this.#typingTimer = undefined;
    // One timer for the soonest expiry. Timers may fire a moment before the clock reaches it: prune as of then at least.
    const soonest = nextExpiry(next);
    if (soonest !== undefined) this.#typingTimer = this.clock.setTimeout(() => this.#setTyping(pruneTyping(this.#typing, Math.max(this.clock.now(), soonest))), Math.max(0, soonest - this.clock.now()));
    this.emit('typing');
  }

  /**
   * Listens to the client: its messages, acknowledgements, presence and state changes become the
   * conversation (as the web page's do), typing signals who is typing, read positions how far
   * others have read.
   */
  #attach(): void {
    const client = this.#client;
    const clock = this.clock;
    const unfeed = feedConversation(client, () => this.#self, (action) => this.record(action), () => clock.now(), explainFailure);
    const onMessage = (message: Message): void => this.#setTyping(noteMessage(this.#typing, message.user));
    const onTyping = (user: string): void => {
      if (user !== this.#self) this.#setTyping(noteTyping(this.#typing, user, clock.now()));
    };
    const onReads = (positions: readonly ReadPosition[]): void => {
      const next = mergeReads(this.#reads, positions);
      if (next === this.#reads) return;
      this.#reads = next;
      this.emit('reads');
    };
    client.on('message', onMessage).on('typing', onTyping).on('reads', onReads);
    this.#detach = () => {
      unfeed();
      client.off('message', onMessage).off('typing', onTyping).off('reads', onReads);
      this.#detach = () => {};
    };
  }
}
