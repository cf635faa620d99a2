import { ErrorCode } from '../../protocol/index.js';
import type { RateLimit } from '../base/options.js';
import { RateLimiter, WeakRateLimiter, type SendLimiter } from './rate-limiter.js';

/** A send that was not let through, and when it would be. */
export interface SendRefusal {
  readonly ok: false;
  readonly code: typeof ErrorCode.rateLimited;
  readonly error: string;
  readonly retryAfterMs: number;
}

/** The key that the per-user limit counts under: one user in one room, whatever transport it uses. */
export function rateKey(room: string, user: string): string {
  return `${room}\u0000${user}`;
}

const windowMs = (rate: RateLimit): number => rate.perSeconds * 1000;

function refusal(rate: RateLimit, per: string, retryAfterMs: number): SendRefusal {
  return {
    ok: false,
    code: ErrorCode.rateLimited,
    error: `too many messages: at most ${rate.count} per ${rate.perSeconds} s ${per}; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    retryAfterMs,
  };
}

/**
 * The send limits, which a name alone cannot escape: per user in a room (`--rate`, shared through
 * Redis when the backend can), and, kept by this process, per HTTP connection (the same figure: a
 * connection is one client) and per client address (`--address-rate`), so that a client changing
 * its name at each send is held by the other two. A WebSocket carries one user, whose own limit
 * already holds it, so it is not counted again as a connection.
 */
export class SendLimits {
  readonly #byConnection: WeakRateLimiter<object> | undefined;
  readonly #byAddress: RateLimiter<string> | undefined;

  constructor(
    private readonly rate: RateLimit | undefined,
    /** Per user; undefined when `rate` is. */
    private readonly byUser: SendLimiter | undefined,
    private readonly addressRate: RateLimit | undefined,
    now: () => number,
  ) {
    this.#byConnection = rate === undefined ? undefined : new WeakRateLimiter(rate.count, windowMs(rate), now);
    this.#byAddress = addressRate === undefined ? undefined : new RateLimiter(addressRate.count, windowMs(addressRate), now);
  }

  /** Whether the limit per address is on: off, a send's address is not needed. */
  get perAddress(): boolean {
    return this.#byAddress !== undefined;
  }

  /** Whether any limit is on: off, a send asks nothing. */
  get active(): boolean {
    return this.byUser !== undefined || this.#byAddress !== undefined;
  }

  /**
   * Lets one send of `user` through, counting it against every limit, or says why not. The limits
   * this process keeps are asked first and charged last, so that a send refused by one limit is
   * charged to none.
   */
  async admit(room: string, user: string, connection: object | undefined, address: string): Promise<SendRefusal | undefined> {
    const onConnection = connection === undefined ? 0 : (this.#byConnection?.wait(connection) ?? 0);
    if (onConnection > 0) return refusal(this.rate!, 'on one connection', onConnection);
    const fromAddress = this.#byAddress?.wait(address) ?? 0;
    if (fromAddress > 0) return refusal(this.addressRate!, 'from one address', fromAddress);
    if (this.byUser !== undefined) {
      const decision = await this.byUser.take(rateKey(room, user));
      if (!decision.ok) return refusal(this.rate!, 'per user', decision.retryAfterMs);
    }
    if (connection !== undefined) this.#byConnection?.take(connection);
    this.#byAddress?.take(address);
    return undefined;
  }

  /** Forgets keys with nothing left in their window. */
  sweep(): void {
    this.byUser?.sweep();
    this.#byAddress?.sweep();
  }

  get expiring(): boolean {
    return this.byUser?.expiring === true || this.#byAddress?.expiring === true;
  }
}
