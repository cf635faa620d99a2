import { READS_INTERVAL_MS } from '../../protocol/index.js';
import { RateLimiter, WeakRateLimiter } from './rate-limiter.js';

/** Read positions one connection may tell per window: a client tells one a second per room, this leaves room for a burst. */
export const READS_PER_CONNECTION = 8;
/** The window the read limits count in. */
export const READS_WINDOW_MS = 2 * READS_INTERVAL_MS;
/** Read positions an address may tell per window for each name it may hold online (--names-per-address). */
export const READS_PER_NAME = 4;

/**
 * How often one connection (a WebSocket, a kept-alive HTTP connection) and one client address may
 * tell read positions: a position costs the server little, but a client telling them without
 * pause, or under many names, would churn what the rooms keep and what they are told.
 */
export class ReadQuota {
  readonly #byConnection: WeakRateLimiter<object>;
  readonly #byAddress: RateLimiter<string> | undefined;

  /** `namesPerAddress` 0 sets no bound per address, as it sets none on names. */
  constructor(namesPerAddress: number, now: () => number) {
    this.#byConnection = new WeakRateLimiter(READS_PER_CONNECTION, READS_WINDOW_MS, now);
    this.#byAddress = namesPerAddress > 0 ? new RateLimiter(namesPerAddress * READS_PER_NAME, READS_WINDOW_MS, now) : undefined;
  }

  /** 0 when a position from `address` on `connection` may be taken now (and it is counted), else how long to wait, ms. */
  take(address: string, connection: object): number {
    const wait = Math.max(this.#byConnection.wait(connection), this.#byAddress?.wait(address) ?? 0);
    if (wait > 0) return wait;
    this.#byConnection.take(connection);
    this.#byAddress?.take(address);
    return 0;
  }

  sweep(): void {
    this.#byAddress?.sweep();
  }

  get expiring(): boolean {
    return this.#byAddress?.expiring === true;
  }
}
