import { randomUUID } from 'node:crypto';
import { PAGE_MAX_BYTES, type Message, type MessageInput } from '../../protocol/index.js';
import { TooManyRoomsError } from '../base/errors.js';
import { dedupeKey, makeMessage, withFirstId, type AppendResult, type HistoryPage, type HistoryStore, type StoreLimits } from '../store/history-store.js';
import { capPageBytes } from '../store/page-bytes.js';
import { decodeMessage, encodePayload, entryToId } from './codec.js';
import { RedisKeys } from './keys.js';
import { RedisLink } from './link.js';
import { APPEND, PAGE, TRIM_ROOMS } from './history-scripts.js';
import { LuaScript } from './script.js';

/** Sets the epoch if there is none (a new or emptied Redis) and returns the one in force. */
const EPOCH = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
`);

/** Replaces the epoch by ARGV[2] if it still is ARGV[1] (so that of several instances only one renews it); returns the one in force. */
const RENEW_EPOCH = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) end
return redis.call('GET', KEYS[1])
`);

type StreamEntry = [id: string, fields: string[]];

/** Rooms `maintain` reads from the set of rooms, and trims, per round trip. */
const MAINTAIN_BATCH = 100;

/** Redis's refusal from a script, by the word it starts with. */
function isRefusal(error: unknown, word: 'EPOCH' | 'ROOMS'): boolean {
  return error instanceof Error && error.name === 'ReplyError' && error.message.startsWith(word);
}

/**
 * History in Redis, shared by every instance using the same Redis and prefix: per room an id
 * counter, a Stream of messages and a hash of idempotency keys, and a set of the rooms that keep
 * history. The epoch lives in Redis too; when Redis lost its data (restarted without persistence)
 * the epoch is found missing, a new one is set and `onReset` tells the server that clients must
 * start over. The limits, shared by every instance, are applied inside the append script.
 */
export class RedisStore implements HistoryStore {
  #epoch = '';

  private constructor(
    private readonly link: RedisLink,
    private readonly keys: RedisKeys,
    private readonly limits: StoreLimits,
    private readonly ownsLink: boolean,
    private readonly onReset: () => void,
  ) {}

  /** A store on its own connection, closed with the store. */
  static async open(url: string, prefix?: string, limits: StoreLimits = {}): Promise<RedisStore> {
    const link = await RedisLink.open(url, () => {});
    try {
      return await RedisStore.over(link, new RedisKeys(prefix), () => {}, limits, true);
    } catch (error) {
      await link.close();
      throw error;
    }
  }

  /** A store on a link the caller owns. */
  static async over(link: RedisLink, keys: RedisKeys, onReset: () => void, limits: StoreLimits = {}, ownsLink = false): Promise<RedisStore> {
    const store = new RedisStore(link, keys, limits, ownsLink, onReset);
    await store.checkEpoch();
    await store.#countRoomsOfOld();
    return store;
  }

  /**
   * History written before rooms were counted has no set of rooms beside it: it is made once, from
   * the rooms' Streams, so that those rooms count toward `maxRooms` and are maintained too.
   */
  async #countRoomsOfOld(): Promise<void> {
    const { cmd } = this.link;
    if ((await this.#call(() => cmd.exists(this.keys.roomsCounted))) === 1) return;
    const pattern = this.keys.log('*');
    let cursor = '0';
    do {
      const [next, found] = await this.#call(() => cmd.scan(cursor, 'MATCH', pattern, 'COUNT', 1000));
      const rooms = found.map((key) => this.keys.roomOfLog(key)).filter((room): room is string => room !== undefined);
      if (rooms.length > 0) await this.#call(() => cmd.sadd(this.keys.rooms, ...rooms));
      cursor = next;
    } while (cursor !== '0');
    await this.#call(() => cmd.set(this.keys.roomsCounted, '1'));
  }

  get epoch(): string {
    return this.#epoch;
  }

  /** Reads the epoch in force, setting one if Redis has none; true (and `onReset` told) when it changed. */
  async checkEpoch(): Promise<boolean> {
    return this.#adopt(String(await this.#run(EPOCH, [this.keys.epoch], [randomUUID()])));
  }

  /**
   * Whether Redis came back with less than it had: a room's id counter is below an id already
   * handed out (`known`, room → id), as after a restart from an older snapshot. Ids would then be
   * given out a second time, which the epoch must say.
   */
  async rolledBack(known: ReadonlyMap<string, number>): Promise<boolean> {
    if (known.size === 0) return false;
    const rooms = [...known.keys()];
    const counters = await this.#call(() => this.link.cmd.mget(rooms.map((room) => this.keys.seq(room))));
    return rooms.some((room, i) => Number(counters[i] ?? 0) < known.get(room)!);
  }

  /** Starts a new epoch over the history Redis has now (unless another instance just did); `onReset` is told. */
  async renewEpoch(): Promise<void> {
    await this.#adopt(String(await this.#run(RENEW_EPOCH, [this.keys.epoch], [this.#epoch, randomUUID()])));
  }

  #adopt(epoch: string): boolean {
    if (epoch === this.#epoch) return false;
    const changed = this.#epoch !== '';
    this.#epoch = epoch;
    if (changed) this.onReset();
    return changed;
  }

  async append(room: string, input: MessageInput, serverAt: number): Promise<AppendResult> {
    const keys = [this.keys.epoch, this.keys.seq(room), this.keys.log(room), this.keys.clientIds(room), this.keys.rooms];
    const payload = encodePayload(input, serverAt);
    const key = input.clientId === undefined ? '' : dedupeKey(input.user, input.clientId);
    const { maxRooms = 0, maxMessages = 0, maxAgeMs } = this.limits;
    const cutoff = maxAgeMs === undefined ? 0 : serverAt - maxAgeMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const args = [this.#epoch, key, payload, this.keys.messagesChannel, room, serverAt, maxRooms, maxMessages, cutoff];
        const [stored, id, first] = (await this.#run(APPEND, keys, args)) as [number, number, string?];
        if (stored === 1) return { message: makeMessage(id, room, input, serverAt), duplicate: false };
        return { message: decodeMessage(room, id, first!), duplicate: true };
      } catch (error) {
        if (isRefusal(error, 'ROOMS')) throw new TooManyRoomsError(maxRooms);
        // The history began anew under another epoch: learn it (which resets the clients) and store there.
        if (attempt === 1 && isRefusal(error, 'EPOCH')) await this.checkEpoch();
        else throw error;
      }
    }
  }

  async since(room: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): Promise<HistoryPage> {
    const [entries, lastId] = await this.#page(room, afterId + 1, limit + 1);
    const hasMore = entries.length > limit;
    const page = capPageBytes((hasMore ? entries.slice(0, limit) : entries).map((entry) => this.#decode(room, entry)), hasMore, maxBytes);
    return withFirstId(page, afterId, entries[0] === undefined ? lastId + 1 : entryToId(entries[0][0]));
  }

  async lastId(room: string): Promise<number> {
    const value = await this.#call(() => this.link.cmd.get(this.keys.seq(room)));
    return value === null ? 0 : Number(value);
  }

  async firstId(room: string): Promise<number> {
    const [entries, lastId] = await this.#page(room, 0, 1);
    return entries[0] === undefined ? lastId + 1 : entryToId(entries[0][0]);
  }

  async findByClientId(room: string, user: string, clientId: string): Promise<Message | undefined> {
    const id = await this.#call(() => this.link.cmd.hget(this.keys.clientIds(room), dedupeKey(user, clientId)));
    if (id === null) return undefined;
    const [entry] = (await this.#call(() => this.link.cmd.xrange(this.keys.log(room), `${id}-0`, `${id}-0`))) as StreamEntry[];
    return entry === undefined ? undefined : this.#decode(room, entry);
  }

  /**
   * Trims every room in the set of rooms that keep history, a batch of rooms per script. Each
   * instance does so; what one trimmed, the next finds trimmed.
   */
  async maintain(now: number): Promise<void> {
    const { maxMessages = 0, maxAgeMs } = this.limits;
    if (maxMessages === 0 && maxAgeMs === undefined) return;
    const cutoff = maxAgeMs === undefined ? 0 : now - maxAgeMs;
    let cursor = '0';
    do {
      const [next, rooms] = await this.#call(() => this.link.cmd.sscan(this.keys.rooms, cursor, 'COUNT', MAINTAIN_BATCH));
      if (rooms.length > 0) {
        const keys = [this.keys.rooms, ...rooms.flatMap((room) => [this.keys.log(room), this.keys.clientIds(room)])];
        await this.#run(TRIM_ROOMS, keys, [maxMessages, cutoff, ...rooms]);
      }
      cursor = next;
    } while (cursor !== '0');
  }

  /** Entries from id `from` on, at most `count`, and the room's last id. */
  async #page(room: string, from: number, count: number): Promise<[StreamEntry[], number]> {
    const [entries, lastId] = (await this.#run(PAGE, [this.keys.log(room), this.keys.seq(room)], [from, count])) as [StreamEntry[], string];
    return [entries, Number(lastId)];
  }

  async close(): Promise<void> {
    if (this.ownsLink) await this.link.close();
  }

  /** An entry's message: its `m` field, whatever fields come beside it. */
  #decode(room: string, [entryId, fields]: StreamEntry): Message {
    const at = fields.indexOf('m');
    return decodeMessage(room, entryToId(entryId), (at < 0 ? undefined : fields[at + 1]) ?? '{}');
  }

  #run(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.#call(() => script.run(this.link.cmd, keys, args));
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw this.link.failure(error);
    }
  }
}
