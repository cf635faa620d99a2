import { randomUUID } from 'node:crypto';
import { PAGE_MAX_BYTES, type Message, type MessageInput } from '../../protocol/index.js';
import { dedupeKey, makeMessage, type AppendResult, type HistoryPage, type HistoryStore } from '../store/history-store.js';
import { capPageBytes } from '../store/page-bytes.js';
import { decodeMessage, encodePayload, entryToId } from './codec.js';
import { RedisKeys } from './keys.js';
import { RedisLink } from './link.js';
import { LuaScript } from './script.js';

/**
 * Stores a message atomically: checks the epoch, answers a known idempotency key with its first
 * message, else takes the next id, appends to the room's Stream, records the key and publishes the
 * message — all in one script, so two instances posting at once never share an id or store a
 * key twice, and no message is committed without its news going out.
 *
 * KEYS: epoch, seq, log, clientIds. ARGV: expected epoch, dedupeKey(user, clientId) ('' for none), payload, channel, room.
 * Returns {1, id} when stored, {0, id, payload} for a repeated clientId.
 */
const APPEND = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('EPOCH the history was reset')
end
if ARGV[2] ~= '' then
  local first = redis.call('HGET', KEYS[4], ARGV[2])
  if first then
    local entry = redis.call('XRANGE', KEYS[3], first .. '-0', first .. '-0')[1]
    if entry == nil then return redis.error_reply('GONE the first message of this clientId was removed') end
    return {0, tonumber(first), entry[2][2]}
  end
end
local id = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[3], id .. '-0', 'm', ARGV[3])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[4], ARGV[2], id) end
redis.call('PUBLISH', ARGV[4], ARGV[5] .. ' ' .. id .. ' ' .. ARGV[3])
return {1, id}
`);

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

function isEpochError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError' && error.message.startsWith('EPOCH');
}

/**
 * History in Redis, shared by every instance using the same Redis and prefix: per room an id
 * counter, a Stream of messages and a hash of clientIds. The epoch lives in Redis too; when Redis
 * lost its data (restarted without persistence) the epoch is found missing, a new one is set and
 * `onReset` tells the server that clients must start over.
 */
export class RedisStore implements HistoryStore {
  #epoch = '';

  private constructor(
    private readonly link: RedisLink,
    private readonly keys: RedisKeys,
    private readonly ownsLink: boolean,
    private readonly onReset: () => void,
  ) {}

  /** A store on its own connection, closed with the store. */
  static async open(url: string, prefix?: string): Promise<RedisStore> {
    const link = await RedisLink.open(url, () => {});
    try {
      return await RedisStore.over(link, new RedisKeys(prefix), () => {}, true);
    } catch (error) {
      await link.close();
      throw error;
    }
  }

  /** A store on a link the caller owns. */
  static async over(link: RedisLink, keys: RedisKeys, onReset: () => void, ownsLink = false): Promise<RedisStore> {
    const store = new RedisStore(link, keys, ownsLink, onReset);
    await store.checkEpoch();
    return store;
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
    const keys = [this.keys.epoch, this.keys.seq(room), this.keys.log(room), this.keys.clientIds(room)];
    const payload = encodePayload(input, serverAt);
    for (let attempt = 1; ; attempt++) {
      try {
        const key = input.clientId === undefined ? '' : dedupeKey(input.user, input.clientId);
        const reply = (await this.#run(APPEND, keys, [this.#epoch, key, payload, this.keys.messagesChannel, room])) as [number, number, string?];
        const [stored, id, first] = reply;
        if (stored === 1) return { message: makeMessage(id, room, input, serverAt), duplicate: false };
        return { message: decodeMessage(room, id, first!), duplicate: true };
      } catch (error) {
        // The history began anew under another epoch: learn it (which resets the clients) and store there.
        if (attempt === 1 && isEpochError(error)) await this.checkEpoch();
        else throw error;
      }
    }
  }

  async since(room: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): Promise<HistoryPage> {
    const entries = (await this.#call(() => this.link.cmd.xrange(this.keys.log(room), `${afterId + 1}-0`, '+', 'COUNT', limit + 1))) as StreamEntry[];
    const hasMore = entries.length > limit;
    return capPageBytes((hasMore ? entries.slice(0, limit) : entries).map((entry) => this.#decode(room, entry)), hasMore, maxBytes);
  }

  async lastId(room: string): Promise<number> {
    const value = await this.#call(() => this.link.cmd.get(this.keys.seq(room)));
    return value === null ? 0 : Number(value);
  }

  async findByClientId(room: string, user: string, clientId: string): Promise<Message | undefined> {
    const id = await this.#call(() => this.link.cmd.hget(this.keys.clientIds(room), dedupeKey(user, clientId)));
    if (id === null) return undefined;
    const [entry] = (await this.#call(() => this.link.cmd.xrange(this.keys.log(room), `${id}-0`, `${id}-0`))) as StreamEntry[];
    return entry === undefined ? undefined : this.#decode(room, entry);
  }

  async close(): Promise<void> {
    if (this.ownsLink) await this.link.close();
  }

  #decode(room: string, [entryId, fields]: StreamEntry): Message {
    return decodeMessage(room, entryToId(entryId), fields[1] ?? '{}');
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
