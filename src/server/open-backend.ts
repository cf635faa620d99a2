import { defaultDbPath, type ServerOptions } from './base/options.js';
import type { Backend, BackendHooks } from './room/backend.js';
import { LocalBus } from './room/bus.js';
import { PresenceTracker } from './room/presence.js';
import type { HistoryStore } from './store/history-store.js';
import { storeLimits } from './store/limits.js';
import { MemoryStore } from './store/memory-store.js';

/** Opens what `options` ask for: Redis when `redis` is set, else memory or an SQLite file. */
export async function openBackend(options: ServerOptions, hooks: BackendHooks): Promise<Backend> {
  if (options.redis !== undefined) {
    // Loaded only when asked for: a server without --redis never loads the Redis client.
    const { openRedisBackend } = await import('./redis/redis-backend.js');
    return openRedisBackend(options.redis, options, hooks);
  }
  const storage = options.memory ? 'memory' : (options.db ?? defaultDbPath());
  // SQLite (a native module) is loaded only for a file: a --memory server never holds it.
  const limits = storeLimits(options);
  const store: HistoryStore = options.memory ? new MemoryStore(limits) : new (await import('./store/sqlite-store.js')).SqliteStore(storage, limits);
  return {
    store,
    bus: new LocalBus(hooks.hub),
    presence: new PresenceTracker(options.now, (room, event) => hooks.hub.presence(room, event)),
    storage,
    problem: () => undefined,
    close: () => store.close(),
  };
}
