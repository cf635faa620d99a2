import type { Message } from '../../protocol/plain.js';
import type { OutboxEntry } from '../../transports/types.js';
import type { Tone } from '../format/theme.js';

/**
 * Where one of our own messages is: queued, written, acknowledged; refused by the server for
 * good (failed), or dropped with the client that held it (unsent, after /nick).
 */
export type Delivery = 'pending' | 'sent' | 'delivered' | 'failed' | 'unsent';

/** A chat message in the conversation, ours or someone else's. */
export interface ChatEntry {
  readonly kind: 'chat';
  /** Position in the conversation, strictly increasing; scrolling anchors to it. */
  readonly seq: number;
  readonly user: string;
  readonly text: string;
  /** Epoch ms shown as the time: server time for others, send time for ours. */
  readonly at: number;
  readonly id?: number;
  readonly clientId?: string;
  readonly own: boolean;
  /** Only for our own messages sent in this session. */
  readonly delivery?: Delivery;
}

/** A line the client itself writes: joins, leaves, disconnects, command answers. */
export interface SystemEntry {
  readonly kind: 'system';
  readonly seq: number;
  readonly at: number;
  readonly text: string;
  readonly tone: Tone;
}

export type ConversationEntry = ChatEntry | SystemEntry;

export interface ConversationState {
  /** In display order, sorted by seq. */
  readonly entries: readonly ConversationEntry[];
  readonly nextSeq: number;
  /** Server ids already shown, so a resend or a resumed stream never shows a message twice. */
  readonly ids: ReadonlySet<number>;
  /** clientId → seq of our own messages not yet delivered. */
  readonly pending: ReadonlyMap<string, number>;
  /** Highest server id seen; a recreated client resumes after it. */
  readonly lastId: number;
}

export type ConversationAction =
  | { readonly type: 'sent'; readonly entry: OutboxEntry; readonly user: string }
  | { readonly type: 'acked'; readonly entry: OutboxEntry }
  | { readonly type: 'failed'; readonly entry: OutboxEntry }
  | { readonly type: 'outbox'; readonly entries: readonly OutboxEntry[] }
  | { readonly type: 'received'; readonly message: Message; readonly self: string }
  | { readonly type: 'system'; readonly text: string; readonly tone: Tone; readonly at: number }
  /** The server's history is new: ids mean nothing any more; what is shown goes, undelivered sends stay. */
  | { readonly type: 'historyReset'; readonly text: string; readonly at: number }
  /** The client that held the outbox is gone (/nick): its undelivered messages will not arrive. */
  | { readonly type: 'abandonPending' }
  /** /clear: the screen empties, but ids stay known so nothing reappears. */
  | { readonly type: 'clear' }
  /** Another room: nothing of this one is kept. */
  | { readonly type: 'forget' }
  | { readonly type: 'batch'; readonly actions: readonly ConversationAction[] };

/** Oldest entries beyond this are dropped, so a chat left open for days stays bounded. */
export const MAX_ENTRIES = 20_000;

export const emptyConversation: ConversationState = { entries: [], nextSeq: 1, ids: new Set(), pending: new Map(), lastId: 0 };

/**
 * The conversation reducer. A batch is applied to one copy of the state, so a backlog of 10,000
 * messages arriving together costs one copy, not 10,000.
 */
export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  const draft = new Draft(state);
  draft.apply(action);
  return draft.finish();
}

/** A mutable copy of the state, private to one reducer call. */
class Draft {
  private entries: ConversationEntry[];
  private nextSeq: number;
  private ids: Set<number>;
  private pending: Map<string, number>;
  private lastId: number;

  constructor(state: ConversationState) {
    this.entries = [...state.entries];
    this.nextSeq = state.nextSeq;
    this.ids = new Set(state.ids);
    this.pending = new Map(state.pending);
    this.lastId = state.lastId;
  }

  apply(action: ConversationAction): void {
    switch (action.type) {
      case 'batch':
        for (const inner of action.actions) this.apply(inner);
        return;
      case 'sent':
        if (this.pending.has(action.entry.clientId)) return;
        this.pending.set(action.entry.clientId, this.nextSeq);
        this.append({ kind: 'chat', user: action.user, text: action.entry.text, at: action.entry.sentAt, clientId: action.entry.clientId, own: true, delivery: 'pending' });
        return;
      case 'acked':
        if (action.entry.id !== undefined) this.noteId(action.entry.id);
        this.deliver(action.entry.clientId, action.entry.id);
        return;
      case 'failed':
        this.update(this.pending.get(action.entry.clientId), (chat) => ({ ...chat, delivery: 'failed' }));
        this.pending.delete(action.entry.clientId);
        return;
      case 'outbox':
        for (const entry of action.entries) {
          if (entry.status === 'sent') this.update(this.pending.get(entry.clientId), (chat) => (chat.delivery === 'pending' ? { ...chat, delivery: 'sent' } : chat));
        }
        return;
      case 'received':
        this.receive(action.message, action.self);
        return;
      case 'system':
        this.append({ kind: 'system', at: action.at, text: action.text, tone: action.tone });
        return;
      case 'historyReset':
        this.resetHistory(action.text, action.at);
        return;
      case 'abandonPending':
        for (const seq of this.pending.values()) this.update(seq, (chat) => ({ ...chat, delivery: 'unsent' }));
        this.pending.clear();
        return;
      case 'clear':
        this.entries = [];
        this.pending.clear();
        return;
      case 'forget':
        this.entries = [];
        this.pending.clear();
        this.ids.clear();
        this.lastId = 0;
        return;
    }
  }

  finish(): ConversationState {
    if (this.entries.length > MAX_ENTRIES) this.entries = this.entries.slice(this.entries.length - MAX_ENTRIES);
    return { entries: this.entries, nextSeq: this.nextSeq, ids: this.ids, pending: this.pending, lastId: this.lastId };
  }

  private receive(message: Message, self: string): void {
    const clientId = message.clientId;
    if (clientId !== undefined && this.pending.has(clientId)) {
      this.noteId(message.id);
      this.deliver(clientId, message.id);
      return;
    }
    if (this.ids.has(message.id)) return;
    this.noteId(message.id);
    this.append({ kind: 'chat', id: message.id, user: message.user, text: message.text, at: message.serverAt, ...(clientId === undefined ? {} : { clientId }), own: message.user === self });
  }

  private deliver(clientId: string, id: number | undefined): void {
    const seq = this.pending.get(clientId);
    if (seq === undefined) return;
    this.pending.delete(clientId);
    this.update(seq, (chat) => ({ ...chat, delivery: 'delivered', ...(id === undefined ? {} : { id }) }));
  }

  private resetHistory(text: string, at: number): void {
    // Undelivered sends are still in the client's outbox and will arrive with new ids; keep them
    // below the notice, renumbered so seq stays sorted.
    const kept = [...this.pending.values()].map((seq) => this.find(seq)).filter((entry): entry is ChatEntry => entry?.kind === 'chat');
    this.entries = [];
    this.ids.clear();
    this.pending.clear();
    this.lastId = 0;
    this.append({ kind: 'system', at, text, tone: 'warn' });
    for (const entry of kept) {
      if (entry.clientId !== undefined) this.pending.set(entry.clientId, this.nextSeq);
      const { seq: _seq, ...rest } = entry;
      this.append(rest);
    }
  }

  private noteId(id: number): void {
    this.ids.add(id);
    if (id > this.lastId) this.lastId = id;
  }

  private append(entry: Omit<ChatEntry, 'seq'> | Omit<SystemEntry, 'seq'>): void {
    const seq = this.nextSeq++;
    this.entries.push(entry.kind === 'chat' ? { ...entry, seq } : { ...entry, seq });
  }

  private find(seq: number): ConversationEntry | undefined {
    const index = indexOfSeq(this.entries, seq);
    return index === -1 ? undefined : this.entries[index];
  }

  private update(seq: number | undefined, change: (chat: ChatEntry) => ChatEntry): void {
    if (seq === undefined) return;
    const index = indexOfSeq(this.entries, seq);
    const entry = index === -1 ? undefined : this.entries[index];
    if (entry?.kind === 'chat') this.entries[index] = change(entry);
  }
}

/** Index of the entry with `seq` (binary search; entries are sorted by seq), or -1. */
export function indexOfSeq(entries: readonly ConversationEntry[], seq: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = entries[mid]!.seq;
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
