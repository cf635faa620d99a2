export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** At most so many sends per window for each key: in this process, or shared through Redis. */
export interface SendLimiter<K = string> {
  take(key: K): RateDecision | Promise<RateDecision>;
  /** Forgets keys with nothing left in the window (a no-op where the keys expire by themselves). */
  sweep(): void;
  /** Whether `sweep` has anything to do. */
  readonly expiring: boolean;
}

/** The last `count` event times of one key, oldest at `next` once full. */
interface Ring {
  readonly times: number[];
  next: number;
}

/** How long until one more event fits in `ring`'s window: 0 when it fits now. */
function ringWait(ring: Ring | undefined, count: number, windowMs: number, now: number): number {
  if (ring === undefined || ring.times.length < count) return 0;
  return Math.max(0, ring.times[ring.next]! + windowMs - now);
}

/** Records an event at `now` in `ring` if it fits in the window. */
function ringTake(ring: Ring, count: number, windowMs: number, now: number): RateDecision {
  if (ring.times.length < count) {
    ring.times.push(now);
    return { ok: true };
  }
  const oldest = ring.times[ring.next]!;
  if (now - oldest < windowMs) return { ok: false, retryAfterMs: oldest + windowMs - now };
  ring.times[ring.next] = now;
  ring.next = (ring.next + 1) % count;
  return { ok: true };
}

/**
 * An exact sliding window: at most `count` events per `windowMs` for each key. Each key keeps a
 * ring of its last `count` event times, so a decision is O(1) and memory is bounded per key.
 */
export class RateLimiter<K = string> implements SendLimiter<K> {
  readonly #rings = new Map<K, Ring>();

  constructor(
    readonly count: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** How long until `take(key)` would be let through: 0 when it would be now. Takes nothing. */
  wait(key: K): number {
    return ringWait(this.#rings.get(key), this.count, this.windowMs, this.now());
  }

  take(key: K): RateDecision {
    let ring = this.#rings.get(key);
    if (ring === undefined) {
      ring = { times: [], next: 0 };
      this.#rings.set(key, ring);
    }
    return ringTake(ring, this.count, this.windowMs, this.now());
  }

  /** Forgets keys whose every event is out of the window. */
  sweep(): void {
    const horizon = this.now() - this.windowMs;
    for (const [key, ring] of this.#rings) {
      if (ring.times.every((t) => t <= horizon)) this.#rings.delete(key);
    }
  }

  get expiring(): boolean {
    return this.#rings.size > 0;
  }

  get size(): number {
    return this.#rings.size;
  }
}

/**
 * The same window for keys that are objects with a life of their own, such as a connection's
 * socket: a key's ring goes with the key, so nothing is swept and a closed connection is never
 * held on to.
 */
export class WeakRateLimiter<K extends object> {
  readonly #rings = new WeakMap<K, Ring>();

  constructor(
    readonly count: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  wait(key: K): number {
    return ringWait(this.#rings.get(key), this.count, this.windowMs, this.now());
  }

  take(key: K): RateDecision {
    let ring = this.#rings.get(key);
    if (ring === undefined) {
      ring = { times: [], next: 0 };
      this.#rings.set(key, ring);
    }
    return ringTake(ring, this.count, this.windowMs, this.now());
  }
}
