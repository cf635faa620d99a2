import { PAGE_MAX_BYTES, type Message } from '../../protocol/index.js';
import type { HistoryPage } from './history-store.js';
import { capPageBytes } from './page-bytes.js';

/**
 * The newest messages of each room, as this process appended them, so that pollers asking for
 * "anything after my last id" are answered from memory instead of the database. A room nobody
 * wrote to or read from between two sweeps is forgotten: its readers, if any come, go to the
 * database until it is written to again.
 */
export class RecentMessages {
  readonly #rooms = new Map<string, Message[]>();
  /** Rooms written to or read from since the last sweep. */
  readonly #used = new Set<string>();

  constructor(readonly capacity = 1024) {}

  /** How many rooms it holds messages of. */
  get rooms(): number {
    return this.#rooms.size;
  }

  add(message: Message): void {
    let list = this.#rooms.get(message.room);
    if (list === undefined) {
      list = [];
      this.#rooms.set(message.room, list);
    }
    this.#used.add(message.room);
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
    this.#used.add(room);
    const start = afterId - first.id + 1;
    return capPageBytes(list.slice(start, start + limit), start + limit < list.length, maxBytes);
  }

  /** Lets go of the room's messages before `firstId`: the history no longer has them. */
  dropBefore(room: string, firstId: number): void {
    const list = this.#rooms.get(room);
    const first = list?.[0];
    if (list === undefined || first === undefined || first.id >= firstId) return;
    list.splice(0, firstId - first.id);
    if (list.length === 0) this.#rooms.delete(room);
  }

  /** Forgets the rooms nobody wrote to or read from since the last sweep. */
  sweep(): void {
    for (const room of this.#rooms.keys()) if (!this.#used.has(room)) this.#rooms.delete(room);
    this.#used.clear();
  }
}
