import type { Message } from '../../protocol/index.js';
import { dedupeKey } from './history-store.js';

/** Trimmed messages are let go of in batches: the array is compacted once they are half of it. */
const COMPACT_AT = 1024;

/**
 * One room's history in memory: the messages kept, oldest first with dense ids, the last id ever
 * given (which outlives every message, so that none is given twice) and the idempotency keys of
 * the messages kept. Trimming the oldest is O(1) each.
 */
export class RoomLog {
  /** The kept messages are `#messages[#head…]`, and `#messages[#head + i].id === firstId + i`. */
  #messages: Message[] = [];
  #head = 0;
  #lastId = 0;
  /** By dedupeKey(user, clientId). */
  readonly #byKey = new Map<string, Message>();

  get size(): number {
    return this.#messages.length - this.#head;
  }

  get lastId(): number {
    return this.#lastId;
  }

  /** The oldest id kept, or the last id + 1 when none is. */
  get firstId(): number {
    return this.#messages[this.#head]?.id ?? this.#lastId + 1;
  }

  byKey(key: string): Message | undefined {
    return this.#byKey.get(key);
  }

  push(message: Message): void {
    this.#messages.push(message);
    this.#lastId = message.id;
    if (message.clientId !== undefined) this.#byKey.set(dedupeKey(message.user, message.clientId), message);
  }

  /** The kept messages with id > afterId, at most `limit`, and whether more follow. */
  after(afterId: number, limit: number): { readonly messages: Message[]; readonly hasMore: boolean } {
    const start = this.#head + Math.max(0, afterId + 1 - this.firstId);
    return { messages: this.#messages.slice(start, start + limit), hasMore: start + limit < this.#messages.length };
  }

  /** Drops the oldest messages past `maxMessages` and those with serverAt before `cutoff`. */
  trim(maxMessages: number | undefined, cutoff: number | undefined): void {
    while (this.size > 0) {
      const oldest = this.#messages[this.#head]!;
      const over = maxMessages !== undefined && this.size > maxMessages;
      if (!over && !(cutoff !== undefined && oldest.serverAt < cutoff)) break;
      this.#head++;
      if (oldest.clientId !== undefined) {
        const key = dedupeKey(oldest.user, oldest.clientId);
        if (this.#byKey.get(key) === oldest) this.#byKey.delete(key);
      }
    }
    if (this.size === 0 || (this.#head >= COMPACT_AT && this.#head * 2 >= this.#messages.length)) {
      this.#messages = this.#messages.slice(this.#head);
      this.#head = 0;
    }
  }
}
