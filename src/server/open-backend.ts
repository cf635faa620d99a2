import { defaultDbPath, type ServerOptions } from './base/options.js';
import type { Backend, BackendHooks } from './room/backend.js';
import { LocalBus } from './room/bus.js';
import { PresenceTracker } from './room/presence.js';
import type { HistoryStore } from './store/history-store.js';
import { storeLimits } from './store/limits.js';
import { MemoryStore } from './store/memory-store.js';

/**
 * Opens what `options` ask for: Redis when `redis` is set, else memory or an SQLite file; or, given
 * `kept`, that history, which the caller made and keeps: it is neither made nor closed here.
 */
export async function openBackend(options: ServerOptions, hooks: BackendHooks, kept?: HistoryStore): Promise<Backend> {
  if (kept !== undefined) return localBackend(options, hooks, kept, 'memory', async () => {});
  if (options.redis !== undefined) {
    // Loaded only when asked for: a server without --redis never loads the Redis client.
    const { openRedisBackend } = await import('./redis/redis-backend.js');
    return openRedisBackend(options.redis, options, hooks);
  }
  const storage = options.memory ? 'memory' : (options.db ?? defaultDbPath());
  // SQLite (a native module) is loaded only for a file: a --memory server never holds it.
  const limits = storeLimits(options);
  const store: HistoryStore = options.memory ? new MemoryStore(limits) : new (await import('./store/sqlite-store.js')).SqliteStore(storage, limits);
  return localBackend(options, hooks, store, storage, () => store.close());
}

/** A backend of one process: its history in `store`, fan-out and presence in memory. */
function localBackend(options: ServerOptions, hooks: BackendHooks, store: HistoryStore, storage: string, close: () => Promise<void>): Backend {
  return {
    store,
    bus: new LocalBus(hooks.hub),
    presence: new PresenceTracker(options.now, (room, event) => hooks.hub.presence(room, event)),
    storage,
    problem: () => undefined,
    close,
  };
}
