import { randomUUID } from 'node:crypto';
import type { RateDecision, SendLimiter } from '../room/rate-limiter.js';
import type { RedisKeys } from './keys.js';
import type { RedisLink } from './link.js';
import { LuaScript } from './script.js';

/**
 * The exact sliding window of RateLimiter, over a sorted set of send times per key, in one atomic
 * step: drop what left the window; under the count, record this send; else answer how long until
 * the oldest send leaves. The key expires with the window, so nothing needs sweeping.
 * Returns -1 for a send let through, else the wait in ms.
 */
const TAKE = new LuaScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return -1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now
`);

/** The per-user send limit shared by every instance on one Redis: a user cannot send N times as much through N servers. */
export class RedisRateLimiter implements SendLimiter {
  constructor(
    private readonly link: RedisLink,
    private readonly keys: RedisKeys,
    readonly count: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  async take(key: string): Promise<RateDecision> {
    let wait: unknown;
    try {
      wait = await TAKE.run(this.link.cmd, [this.keys.sends(key)], [Math.floor(this.now()), this.windowMs, this.count, randomUUID()]);
    } catch (error) {
      throw this.link.failure(error);
    }
    const retryAfterMs = Number(wait);
    return retryAfterMs < 0 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, retryAfterMs) };
  }

  sweep(): void {}

  readonly expiring = false;
}
