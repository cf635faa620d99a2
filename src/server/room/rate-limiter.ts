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

/** Rings by key: in a Map, swept; or in a WeakMap, gone with their keys. */
interface Rings<K> {
  get(key: K): Ring | undefined;
  set(key: K, ring: Ring): unknown;
}

/**
 * An exact sliding window: at most `count` events per `windowMs` for each key. Each key keeps a
 * ring of its last `count` event times, so a decision is O(1) and memory is bounded per key.
 */
abstract class SlidingWindow<K> {
  protected constructor(
    readonly count: number,
    readonly windowMs: number,
    protected readonly now: () => number,
    private readonly rings: Rings<K>,
  ) {}

  /** How long until `take(key)` would be let through: 0 when it would be now. Takes nothing. */
  wait(key: K): number {
    const ring = this.rings.get(key);
    if (ring === undefined || ring.times.length < this.count) return 0;
    return Math.max(0, ring.times[ring.next]! + this.windowMs - this.now());
  }

  /** Records an event now if it fits in the window. */
  take(key: K): RateDecision {
    let ring = this.rings.get(key);
    if (ring === undefined) {
      ring = { times: [], next: 0 };
      this.rings.set(key, ring);
    }
    const now = this.now();
    if (ring.times.length < this.count) {
      ring.times.push(now);
      return { ok: true };
    }
    const oldest = ring.times[ring.next]!;
    if (now - oldest < this.windowMs) return { ok: false, retryAfterMs: oldest + this.windowMs - now };
    ring.times[ring.next] = now;
    ring.next = (ring.next + 1) % this.count;
    return { ok: true };
  }
}

/** The sliding window for keys such as `room NUL user`, forgotten by a sweep once out of the window. */
export class RateLimiter<K = string> extends SlidingWindow<K> implements SendLimiter<K> {
  readonly #rings: Map<K, Ring>;

  constructor(count: number, windowMs: number, now: () => number) {
    const rings = new Map<K, Ring>();
    super(count, windowMs, now, rings);
    this.#rings = rings;
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
export class WeakRateLimiter<K extends object> extends SlidingWindow<K> {
  constructor(count: number, windowMs: number, now: () => number) {
    super(count, windowMs, now, new WeakMap<K, Ring>());
  }
}
