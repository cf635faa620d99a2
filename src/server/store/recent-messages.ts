import { PAGE_MAX_BYTES, type Message } from '../../protocol/index.js';
import type { HistoryPage } from './history-store.js';
import { capPageBytes } from './page-bytes.js';

/**
 * The newest messages of each room, as this process appended them, so that pollers asking for
 * "anything after my last id" are answered from memory instead of the database.
 */
export class RecentMessages {
  readonly #rooms = new Map<string, Message[]>();

  constructor(readonly capacity = 1024) {}

  add(message: Message): void {
    let list = this.#rooms.get(message.room);
    if (list === undefined) {
      list = [];
      this.#rooms.set(message.room, list);
    }
    const last = list.at(-1);
    // Ids are dense; anything else means another writer, so start over rather than serve a gap.
    if (last !== undefined && message.id !== last.id + 1) list.length = 0;
    list.push(message);
    if (list.length > this.capacity * 2) list.splice(0, list.length - this.capacity);
  }

  /** The page, or undefined when the cache does not reach back to `afterId`. */
  since(room: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): HistoryPage | undefined {
    const list = this.#rooms.get(room);
    const first = list?.[0];
    if (list === undefined || first === undefined || afterId < first.id - 1) return undefined;
    const start = afterId - first.id + 1;
    return capPageBytes(list.slice(start, start + limit), start + limit < list.length, maxBytes);
  }
}
