import type { Message, MessageInput } from '../../protocol/index.js';

export interface AppendResult {
  readonly message: Message;
  /** True when `(room, user, clientId)` was stored before: `message` is the first one and nothing new was stored. */
  readonly duplicate: boolean;
}

export interface HistoryPage {
  readonly messages: readonly Message[];
  readonly hasMore: boolean;
}

/**
 * Durable chat history. Only history: live fan-out belongs to the hub.
 * `append` resolves once the message is committed; ids per room start at 1 and only grow.
 */
export interface HistoryStore {
  /** Changes only when the history itself is new (a fresh file, a restarted memory store). */
  readonly epoch: string;
  append(room: string, input: MessageInput, serverAt: number): Promise<AppendResult>;
  /**
   * Messages with id > afterId, oldest first, at most `limit` of them and at most `maxBytes` of
   * their JSON (PAGE_MAX_BYTES unless told), but never none when there are some.
   */
  since(room: string, afterId: number, limit: number, maxBytes?: number): Promise<HistoryPage>;
  lastId(room: string): Promise<number>;
  /** The message `user` first stored under `clientId` in `room`, if any. */
  findByClientId(room: string, user: string, clientId: string): Promise<Message | undefined>;
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
