export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** At most so many sends per window for each key: in this process, or shared through Redis. */
export interface SendLimiter<K = string> {
  take(key: K): RateDecision | Promise<RateDecision>;
  /** Forgets keys with nothing left in the window (a no-op where the keys expire by themselves). */
  sweep(): void;
  /** Whether `sweep` has anything to do. */
  readonly expiring: boolean;
}

/**
 * An exact sliding window: at most `count` events per `windowMs` for each key. Each key keeps a
 * ring of its last `count` event times, so a decision is O(1) and memory is bounded per key. A
 * key may be any value a Map tells apart: a string, or an object such as a connection.
 */
export class RateLimiter<K = string> implements SendLimiter<K> {
  readonly #rings = new Map<K, { times: number[]; next: number }>();

  constructor(
    readonly count: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** How long until `take(key)` would be let through: 0 when it would be now. Takes nothing. */
  wait(key: K): number {
    const ring = this.#rings.get(key);
    if (ring === undefined || ring.times.length < this.count) return 0;
    return Math.max(0, ring.times[ring.next]! + this.windowMs - this.now());
  }

  take(key: K): RateDecision {
    const now = this.now();
    let ring = this.#rings.get(key);
    if (ring === undefined) {
      ring = { times: [], next: 0 };
      this.#rings.set(key, ring);
    }
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
