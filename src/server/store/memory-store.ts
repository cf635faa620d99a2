import { randomUUID } from 'node:crypto';
import { PAGE_MAX_BYTES, type Message, type MessageInput } from '../../protocol/index.js';
import { dedupeKey, makeMessage, type AppendResult, type HistoryPage, type HistoryStore } from './history-store.js';
import { capPageBytes } from './page-bytes.js';

interface Room {
  /** messages[i].id === i + 1: ids are dense, so a page is a slice. */
  readonly messages: Message[];
  /** By dedupeKey(user, clientId). */
  readonly byClientId: Map<string, Message>;
}

/** History in process memory, for `--memory`: a new epoch every start. */
export class MemoryStore implements HistoryStore {
  readonly epoch = randomUUID();
  readonly #rooms = new Map<string, Room>();

  #room(name: string): Room {
    let room = this.#rooms.get(name);
    if (room === undefined) {
      room = { messages: [], byClientId: new Map() };
      this.#rooms.set(name, room);
    }
    return room;
  }

  async append(roomName: string, input: MessageInput, serverAt: number): Promise<AppendResult> {
    const room = this.#room(roomName);
    const key = input.clientId === undefined ? undefined : dedupeKey(input.user, input.clientId);
    if (key !== undefined) {
      const first = room.byClientId.get(key);
      if (first !== undefined) return { message: first, duplicate: true };
    }
    const message = makeMessage(room.messages.length + 1, roomName, input, serverAt);
    room.messages.push(message);
    if (key !== undefined) room.byClientId.set(key, message);
    return { message, duplicate: false };
  }

  async since(roomName: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): Promise<HistoryPage> {
    const messages = this.#rooms.get(roomName)?.messages ?? [];
    const page = messages.slice(afterId, afterId + limit);
    return capPageBytes(page, afterId + limit < messages.length, maxBytes);
  }

  async lastId(roomName: string): Promise<number> {
    return this.#rooms.get(roomName)?.messages.length ?? 0;
  }

  async findByClientId(roomName: string, user: string, clientId: string): Promise<Message | undefined> {
    return this.#rooms.get(roomName)?.byClientId.get(dedupeKey(user, clientId));
  }

  async close(): Promise<void> {
    this.#rooms.clear();
  }
}
