import { LocalBus, type Bus } from './bus.js';
import type { Hub } from './hub.js';
import { defaultDbPath, type ServerOptions } from './base/options.js';
import { PresenceTracker, type Presence } from './presence.js';
import type { HistoryStore } from './store/history-store.js';
import { MemoryStore } from './store/memory-store.js';
import type { SendLimiter } from './rate-limiter.js';

/** Where a server keeps history and presence, and how news of messages reaches its listeners. */
export interface Backend {
  readonly store: HistoryStore;
  readonly bus: Bus;
  readonly presence: Presence;
  /** Where history is kept, for the start-up lines: a file path, "memory" or a Redis URL. */
  readonly storage: string;
  /** Why the backend cannot serve now, or undefined when it can. */
  problem(): string | undefined;
  /** A send limiter shared with the other instances; without one, each server keeps its own. */
  sharedLimiter?(count: number, windowMs: number, now: () => number): SendLimiter;
  close(): Promise<void>;
}

export interface BackendHooks {
  readonly hub: Hub;
  /** The shared history was lost and began anew (Redis restarted empty): every client must start over. */
  readonly onHistoryReset: () => void;
}

/** Opens what `options` ask for: Redis when `redis` is set, else memory or an SQLite file. */
export async function openBackend(options: ServerOptions, hooks: BackendHooks): Promise<Backend> {
  if (options.redis !== undefined) {
    // Loaded only when asked for: a server without --redis never loads the Redis client.
    const { openRedisBackend } = await import('./redis/redis-backend.js');
    return openRedisBackend(options.redis, options, hooks);
  }
  const storage = options.memory ? 'memory' : (options.db ?? defaultDbPath());
  // SQLite (a native module) is loaded only for a file: a --memory server never holds it.
  const store: HistoryStore = options.memory ? new MemoryStore() : new (await import('./store/sqlite-store.js')).SqliteStore(storage);
  return {
    store,
    bus: new LocalBus(hooks.hub),
    presence: new PresenceTracker(options.now, (room, event) => hooks.hub.presence(room, event)),
    storage,
    problem: () => undefined,
    close: () => store.close(),
  };
}
