import { randomUUID } from 'node:crypto';
import { PAGE_MAX_BYTES, type Message, type MessageInput } from '../../protocol/index.js';
import { TooManyRoomsError } from '../base/errors.js';
import { dedupeKey, makeMessage, withFirstId, type AppendResult, type HistoryPage, type HistoryStore, type StoreLimits } from './history-store.js';
import { capPageBytes } from './page-bytes.js';
import { RoomLog } from './room-log.js';

/** History in process memory, for `--memory`: a new epoch every start. */
export class MemoryStore implements HistoryStore {
  readonly epoch = randomUUID();
  readonly #rooms = new Map<string, RoomLog>();
  /** Rooms keeping at least one message: what `maxRooms` counts. */
  #live = 0;

  constructor(private readonly limits: StoreLimits = {}) {}

  async append(roomName: string, input: MessageInput, serverAt: number): Promise<AppendResult> {
    let room = this.#rooms.get(roomName);
    const key = input.clientId === undefined ? undefined : dedupeKey(input.user, input.clientId);
    const first = key === undefined ? undefined : room?.byKey(key);
    if (first !== undefined) return { message: first, duplicate: true };
    const { maxRooms } = this.limits;
    if ((room === undefined || room.size === 0) && maxRooms !== undefined && this.#live >= maxRooms) throw new TooManyRoomsError(maxRooms);
    if (room === undefined) {
      room = new RoomLog();
      this.#rooms.set(roomName, room);
    }
    if (room.size === 0) this.#live++;
    const message = makeMessage(room.lastId + 1, roomName, input, serverAt);
    room.push(message);
    this.#trim(room, serverAt);
    return { message, duplicate: false };
  }

  async since(roomName: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): Promise<HistoryPage> {
    const room = this.#rooms.get(roomName);
    if (room === undefined) return { messages: [], hasMore: false };
    const { messages, hasMore } = room.after(afterId, limit);
    return withFirstId(capPageBytes(messages, hasMore, maxBytes), afterId, room.firstId);
  }

  async lastId(roomName: string): Promise<number> {
    return this.#rooms.get(roomName)?.lastId ?? 0;
  }

  async firstId(roomName: string): Promise<number> {
    return this.#rooms.get(roomName)?.firstId ?? 1;
  }

  async findByClientId(roomName: string, user: string, clientId: string): Promise<Message | undefined> {
    return this.#rooms.get(roomName)?.byKey(dedupeKey(user, clientId));
  }

  async maintain(now: number): Promise<void> {
    for (const room of this.#rooms.values()) this.#trim(room, now);
  }

  async close(): Promise<void> {
    this.#rooms.clear();
  }

  #trim(room: RoomLog, now: number): void {
    if (room.size === 0) return;
    const { maxMessages, maxAgeMs } = this.limits;
    room.trim(maxMessages, maxAgeMs === undefined ? undefined : now - maxAgeMs);
    if (room.size === 0) this.#live--;
  }
}
