import { byUserThenTransport, TRANSPORT_KINDS, type OnlineEntry, type PresenceEvent, type TransportKind } from '../../protocol/index.js';
import { debug } from '../base/log.js';
import type { Hub } from '../room/hub.js';
import { PresenceTracker, type Presence, type PresenceHold } from '../room/presence.js';
import type { RedisKeys } from './keys.js';
import type { RedisLink } from './link.js';
import { LuaScript } from './script.js';

/** A crashed instance's users are gone from everyone's lists this long after its last heartbeat (plus one sweep). */
export const PRESENCE_TTL_MS = 5000;
const HEARTBEAT_MS = 1000;
const SEP = '\u0000';

/**
 * Makes this instance's fields in a room's presence hash exactly ARGV[5…] and renews its alive key;
 * bumps the version and publishes `room version` when anything changed.
 * KEYS: presence hash, version, alive key. ARGV: instance, ttl ms, channel, room, fields (transport NUL user).
 */
const PUT = new LuaScript(`
local prefix = ARGV[1] .. '\\0'
local want = {}
for i = 5, #ARGV do want[prefix .. ARGV[i]] = true end
local changed = false
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, #prefix) == prefix then
    if want[field] then want[field] = nil else redis.call('HDEL', KEYS[1], field); changed = true end
  end
end
for field in pairs(want) do redis.call('HSET', KEYS[1], field, '1'); changed = true end
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
if changed then
  local version = redis.call('INCR', KEYS[2])
  redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. version)
end
return changed and 1 or 0
`);

/**
 * A room's live presence fields with their version. Fields of instances whose alive key has
 * expired (they crashed) are removed on the way, which is a change like any other. The alive keys
 * are named from ARGV[1] rather than passed as KEYS, which a single Redis (not a Cluster) allows.
 * KEYS: presence hash, version. ARGV: alive-key prefix, channel, room. Returns {version, fields}.
 */
const READ = new LuaScript(`
local alive = {}
local live = {}
local removed = false
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  local instance = string.sub(field, 1, string.find(field, '\\0', 1, true) - 1)
  if alive[instance] == nil then alive[instance] = redis.call('EXISTS', ARGV[1] .. instance) == 1 end
  if alive[instance] then live[#live + 1] = field else redis.call('HDEL', KEYS[1], field); removed = true end
end
local version = tonumber(redis.call('GET', KEYS[2]) or '0')
if removed then
  version = redis.call('INCR', KEYS[2])
  redis.call('PUBLISH', ARGV[2], ARGV[3] .. ' ' .. version)
end
return {version, live}
`);

interface RemoteRoom {
  /** The presence version these entries were read at; -1 accepts any read (after a reconnect). */
  version: number;
  /** Entries held by other instances, keyed `transport NUL user`. */
  readonly entries: Map<string, OnlineEntry>;
  /** How many of them this instance holds too, so that the room's count is a sum, not a union. */
  shared: number;
}

const entryKey = (entry: OnlineEntry): string => `${entry.transport}${SEP}${entry.user}`;
const isTransport = (value: string | undefined): value is TransportKind => (TRANSPORT_KINDS as readonly (string | undefined)[]).includes(value);

/**
 * Presence across every instance sharing a Redis. This instance's own entries live in a local
 * tracker (exact and synchronous, as alone) and are mirrored to a per-room hash in Redis under
 * this instance's id; other instances' entries are read back from there when a change is
 * announced, on every sweep for rooms with listeners, and before each welcome and /presence
 * answer. An entry is online when any instance holds it; join and leave are told when that
 * changes. An instance that dies stops renewing its alive key, and its entries go at the next
 * read after the key expires.
 */
export class RedisPresence implements Presence {
  readonly #local: PresenceTracker;
  readonly #remote = new Map<string, RemoteRoom>();
  /** Rooms where this instance has, or may still have, fields in Redis. */
  readonly #mirrored = new Set<string>();
  /** Writes run one after another, each writing the room's entries as they are when it runs. */
  #writes: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly hub: Hub,
    private readonly link: RedisLink,
    private readonly keys: RedisKeys,
    private readonly instance: string,
    now: () => number,
  ) {
    this.#local = new PresenceTracker(now, (room, event) => this.#onLocalChange(room, event));
    this.#timer = setInterval(() => void this.#heartbeat(), HEARTBEAT_MS);
    this.#timer.unref();
  }

  async start(): Promise<void> {
    await this.link.subscribe(this.keys.presenceChannel, (note) => this.#onNote(note));
  }

  connect(room: string, user: string, transport: TransportKind): PresenceHold {
    return this.#local.connect(room, user, transport);
  }

  touch(room: string, user: string, transport: TransportKind, ttlMs: number): void {
    this.#local.touch(room, user, transport, ttlMs);
  }

  /** Other instances' entries are followed by sweeping, so there is always something to do. */
  readonly expiring = true;

  sweep(): void {
    this.#local.sweep();
    const watched = new Set(this.hub.rooms());
    for (const room of this.#remote.keys()) if (!watched.has(room)) this.#remote.delete(room);
    for (const room of watched) this.#refreshQuietly(room);
  }

  list(room: string): OnlineEntry[] {
    const union = new Map<string, OnlineEntry>();
    for (const entry of this.#local.list(room)) union.set(entryKey(entry), entry);
    for (const [key, entry] of this.#remote.get(room)?.entries ?? []) union.set(key, entry);
    return [...union.values()].sort(byUserThenTransport);
  }

  async refresh(room: string): Promise<void> {
    let reply: unknown;
    try {
      reply = await READ.run(this.link.cmd, [this.keys.presence(room), this.keys.presenceVersion(room)], [this.keys.alivePrefix, this.keys.presenceChannel, room]);
    } catch (error) {
      throw this.link.failure(error);
    }
    const [version, fields] = reply as [number, string[]];
    this.#apply(room, version, fields);
  }

  /** Redis is back: write this instance's entries again (Redis may have lost them) and re-read every watched room. */
  recover(): void {
    for (const remote of this.#remote.values()) remote.version = -1;
    for (const room of this.#mirrored) this.#mirror(room);
    for (const room of this.hub.rooms()) this.#refreshQuietly(room);
  }

  /** Takes this instance's entries out of Redis, so the others see its users leave at once. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#closed = true;
    for (const room of this.#mirrored) this.#mirror(room);
    await this.#writes;
    await this.link.cmd.del(this.keys.alive(this.instance)).catch(() => 0);
  }

  #onLocalChange(room: string, event: PresenceEvent): void {
    const remote = this.#remote.get(room);
    // Held by another instance too: for the room nothing changed.
    if (remote?.entries.has(entryKey(event)) === true) remote.shared += event.event === 'join' ? 1 : -1;
    else this.#emit(room, event.event, event);
    this.#mirror(room);
  }

  #mirror(room: string): void {
    this.#mirrored.add(room);
    this.#writes = this.#writes.then(async () => {
      const fields = this.#closed ? [] : this.#local.list(room).map(entryKey);
      const keys = [this.keys.presence(room), this.keys.presenceVersion(room), this.keys.alive(this.instance)];
      try {
        await PUT.run(this.link.cmd, keys, [this.instance, PRESENCE_TTL_MS, this.keys.presenceChannel, room, ...fields]);
        if (fields.length === 0 && (this.#closed || this.#local.list(room).length === 0)) this.#mirrored.delete(room);
      } catch (error) {
        // Kept in #mirrored: written again when Redis is back.
        debug.redis('presence of %s not written: %s', room, (error as Error).message);
      }
    });
  }

  /** Renews the alive key; if it was gone (expired in a long stall, or Redis lost it), writes everything again. */
  async #heartbeat(): Promise<void> {
    if (this.#mirrored.size === 0 || this.#closed) return;
    try {
      const renewed = await this.link.cmd.pexpire(this.keys.alive(this.instance), PRESENCE_TTL_MS);
      if (renewed === 0) for (const room of this.#mirrored) this.#mirror(room);
    } catch {
      // Redis is away; recover() writes everything when it is back.
    }
  }

  #onNote(note: string): void {
    const [room, rawVersion] = note.split(' ');
    if (room === undefined || !this.#remote.has(room)) return;
    if (Number(rawVersion) > this.#remote.get(room)!.version) this.#refreshQuietly(room);
  }

  #refreshQuietly(room: string): void {
    this.refresh(room).catch((error: unknown) => debug.redis('presence of %s not read: %s', room, (error as Error).message));
  }

  /** Replaces the other instances' entries of `room` by a read at `version`, telling each change. */
  #apply(room: string, version: number, fields: readonly string[]): void {
    let remote = this.#remote.get(room);
    if (remote !== undefined && version < remote.version) return;
    const next = new Map<string, OnlineEntry>();
    for (const field of fields) {
      const [instance, transport, user] = field.split(SEP);
      if (instance !== this.instance && isTransport(transport) && user !== undefined) next.set(`${transport}${SEP}${user}`, { user, transport });
    }
    if (remote === undefined) {
      remote = { version, entries: new Map(), shared: 0 };
      this.#remote.set(room, remote);
    }
    remote.version = version;
    for (const [key, entry] of [...remote.entries]) {
      if (next.has(key)) continue;
      remote.entries.delete(key);
      if (this.#local.has(room, entry.user, entry.transport)) remote.shared--;
      else this.#emit(room, 'leave', entry);
    }
    for (const [key, entry] of next) {
      if (remote.entries.has(key)) continue;
      remote.entries.set(key, entry);
      if (this.#local.has(room, entry.user, entry.transport)) remote.shared++;
      else this.#emit(room, 'join', entry);
    }
  }

  /** Tells the room; `online` counts every instance's entries, each once, in O(1). */
  #emit(room: string, event: 'join' | 'leave', entry: OnlineEntry): void {
    const remote = this.#remote.get(room);
    const online = this.#local.count(room) + (remote === undefined ? 0 : remote.entries.size - remote.shared);
    this.hub.presence(room, { event, user: entry.user, transport: entry.transport, online });
  }
}
