import type { Message, MessageInput } from '../../protocol/index.js';

export interface AppendResult {
  readonly message: Message;
  /** True when `(room, user, clientId)` was stored before: `message` is the first one and nothing new was stored. */
  readonly duplicate: boolean;
}

export interface HistoryPage {
  readonly messages: readonly Message[];
  readonly hasMore: boolean;
  /**
   * Set when messages after `afterId` were trimmed: the oldest id kept (the room's last id + 1
   * when none is), so that the reader can say "history before #firstId was trimmed".
   */
  readonly firstId?: number;
}

/**
 * How much history a store keeps; each bound is off when absent. A room counts toward `maxRooms`
 * while it keeps at least one message; its id counter is kept for ever, so that an id is never
 * given twice.
 */
export interface StoreLimits {
  /** Rooms that may keep history; a send that would make one more is refused (TooManyRoomsError). */
  readonly maxRooms?: number;
  /** Messages kept per room; older ones are trimmed as new ones come. */
  readonly maxMessages?: number;
  /** Messages older than this (by serverAt) are trimmed, as the room is written to and when maintained. */
  readonly maxAgeMs?: number;
}

/**
 * Durable chat history. Only history: live fan-out belongs to the hub.
 * `append` resolves once the message is committed; ids per room start at 1 and only grow.
 * What the store keeps is bounded by its StoreLimits: trimming is part of an append, never a scan
 * of everything, and `maintain` does the rest now and then.
 */
export interface HistoryStore {
  /** Changes only when the history itself is new (a fresh file, a restarted memory store). */
  readonly epoch: string;
  /** Stores a message, or throws a TooManyRoomsError when it would make one room too many. */
  append(room: string, input: MessageInput, serverAt: number): Promise<AppendResult>;
  /**
   * Messages with id > afterId, oldest first, at most `limit` of them and at most `maxBytes` of
   * their JSON (PAGE_MAX_BYTES unless told), but never none when there are some; with `firstId`
   * when some of those after `afterId` were trimmed.
   */
  since(room: string, afterId: number, limit: number, maxBytes?: number): Promise<HistoryPage>;
  lastId(room: string): Promise<number>;
  /** The oldest id the room keeps; its last id + 1 when it keeps none, 1 for a room never written to. */
  firstId(room: string): Promise<number>;
  /** The message `user` first stored under `clientId` in `room`, if any. */
  findByClientId(room: string, user: string, clientId: string): Promise<Message | undefined>;
  /**
   * Trims what the limits no longer allow in rooms nobody writes to, and forgets caches nobody
   * used since the last time; `now` is the clock serverAt is read on. Called every minute or so.
   */
  maintain(now: number): Promise<void>;
  close(): Promise<void>;
}

/** Builds the stored message from its parts, leaving out an absent clientId. */
export function makeMessage(id: number, room: string, input: MessageInput, serverAt: number): Message {
  const message: Message = { id, room, user: input.user, text: input.text, sentAt: input.sentAt ?? serverAt, serverAt };
  return input.clientId === undefined ? message : { ...message, clientId: input.clientId };
}

/**
 * The idempotency key of a send. A clientId is the sender's own choice, so it names a message only
 * together with its sender: another user sending the same clientId is sending another message.
 * User names hold no NUL, so the key is unambiguous.
 */
export function dedupeKey(user: string, clientId: string): string {
  return `${user}\u0000${clientId}`;
}

/** A page with `firstId` when messages after `afterId` are gone: the first kept comes later than afterId + 1. */
export function withFirstId(page: HistoryPage, afterId: number, firstKept: number): HistoryPage {
  return afterId + 1 < firstKept ? { ...page, firstId: firstKept } : page;
}
