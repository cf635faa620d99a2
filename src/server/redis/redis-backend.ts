import { randomUUID } from 'node:crypto';
import type { ServerOptions } from '../base/options.js';
import type { Backend, BackendHooks } from '../room/backend.js';
import { storeLimits } from '../store/limits.js';
import { RedisKeys } from './keys.js';
import { RedisLink } from './link.js';
import { RedisBus } from './redis-bus.js';
import { RedisPresence } from './redis-presence.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { RedisStore } from './redis-store.js';

/**
 * History, ids, idempotency keys, the epoch and presence in Redis, shared with every instance
 * using the same Redis; live news over Redis Pub/Sub. Throws a StoreStartError when Redis cannot
 * be reached at start.
 */
export async function openRedisBackend(url: string, options: ServerOptions, hooks: BackendHooks): Promise<Backend> {
  const instance = randomUUID();
  const keys = new RedisKeys();
  const link = await RedisLink.open(url, options.log, `termchat-${instance.slice(0, 8)}`);
  try {
    const bus = new RedisBus(hooks.hub, link, keys, instance, hooks.onReads);
    const reset = (): void => {
      bus.reset();
      hooks.onHistoryReset();
    };
    const store = await RedisStore.over(link, keys, reset, storeLimits(options));
    const presence = new RedisPresence(hooks.hub, link, keys, instance, options.now);
    await bus.start();
    await presence.start();
    /**
     * Redis is back. If it lost its data (no epoch) or came back with less than it had (an older
     * snapshot), the history is new: clients start over and there is nothing to catch up on.
     * Otherwise every connection catches up on what the subscription missed.
     */
    const recover = async (): Promise<void> => {
      presence.recover();
      if (await store.checkEpoch()) return;
      if (await store.rolledBack(bus.lastIds())) return store.renewEpoch();
      bus.resync();
    };
    // Should Redis go again meanwhile, the next `up` recovers once more.
    link.watch({ up: () => void recover().catch(() => {}) });
    return {
      store,
      bus,
      presence,
      storage: link.url,
      problem: () => link.problem(),
      sharedLimiter: (count, windowMs, now) => new RedisRateLimiter(link, keys, count, windowMs, now),
      close: async () => {
        await presence.close();
        await link.close();
      },
    };
  } catch (error) {
    await link.close();
    throw error;
  }
}
