import { DEFAULT_MEMORY_HISTORY } from '../../protocol/index.js';
import type { ServerOptions } from '../base/options.js';
import type { StoreLimits } from './history-store.js';

/** What the options say a store may keep: `--max-rooms`, `--history` (with its default) and `--history-ttl`. */
export function storeLimits(options: ServerOptions): StoreLimits {
  const inMemory = options.memory && options.redis === undefined;
  const history = options.history ?? (inMemory ? DEFAULT_MEMORY_HISTORY : 0);
  return {
    ...(options.maxRooms === undefined ? {} : { maxRooms: options.maxRooms }),
    ...(history > 0 ? { maxMessages: history } : {}),
    ...(options.historyTtlMs === undefined || options.historyTtlMs <= 0 ? {} : { maxAgeMs: options.historyTtlMs }),
  };
}
