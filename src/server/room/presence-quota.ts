import { TYPING_INTERVAL_MS } from '../../protocol/index.js';
import { RateLimiter, WeakRateLimiter } from './rate-limiter.js';

/** Names one HTTP connection may hold online at a time: a client, and the name it had before a /nick. */
export const NAMES_PER_CONNECTION = 4;

/**
 * How many presence entries one client address, and one kept-alive HTTP connection, may hold
 * online at a time, so that a client cannot flood a room with joins by polling under a new name
 * each time. A named stream (WebSocket, SSE) holds one of its address's places while open; a
 * poller holds one per name it polls as, while its lease runs, and polling again under a name it
 * holds always may. What is over the bound still works, without being shown online.
 *
 * Typing is bounded alike: an address, or a connection, may announce as many typists per
 * TYPING_INTERVAL_MS as it may hold names, as if each typed at the cadence clients keep.
 */
export class PresenceQuota {
  /** Named streams open, by address. */
  readonly #streams = new Map<string, number>();
  /** Poller entries (`room NUL transport NUL user`) held, by address, with when each lease ends. */
  readonly #leases = new Map<string, Map<string, number>>();
  /** The same by connection; a connection's entries go with its socket. */
  readonly #byConnection = new WeakMap<object, Map<string, number>>();

  readonly #typingByAddress: RateLimiter<string>;
  readonly #typingByConnection: WeakRateLimiter<object>;

  constructor(
    private readonly perAddress: number,
    private readonly now: () => number,
  ) {
    this.#typingByAddress = new RateLimiter(perAddress, TYPING_INTERVAL_MS, now);
    this.#typingByConnection = new WeakRateLimiter(NAMES_PER_CONNECTION, TYPING_INTERVAL_MS, now);
  }

  #held(address: string): number {
    return (this.#streams.get(address) ?? 0) + (this.#leases.get(address)?.size ?? 0);
  }

  /** Whether `address` may hold one more named stream; if so it holds it until `closeStream`. */
  openStream(address: string): boolean {
    if (this.#held(address) >= this.perAddress) return false;
    this.#streams.set(address, (this.#streams.get(address) ?? 0) + 1);
    return true;
  }

  closeStream(address: string): void {
    const open = this.#streams.get(address) ?? 0;
    if (open <= 1) this.#streams.delete(address);
    else this.#streams.set(address, open - 1);
  }

  /** Whether a poll of `address` on `connection` may hold `entry` online until `until`; if so the lease is kept. */
  lease(address: string, connection: object, entry: string, until: number): boolean {
    const ofAddress = this.#leases.get(address);
    const ofConnection = this.#byConnection.get(connection);
    if (ofAddress?.has(entry) !== true && this.#held(address) >= this.perAddress) return false;
    if (ofConnection?.has(entry) !== true && ofConnection !== undefined && ofConnection.size >= NAMES_PER_CONNECTION) {
      // A kept-alive connection is swept here, where it is full, rather than on every sweep.
      dropExpired(ofConnection, this.now());
      if (ofConnection.size >= NAMES_PER_CONNECTION) return false;
    }
    extend(this.#leases, address, entry, until);
    extend(this.#byConnection, connection, entry, until);
    return true;
  }

  /** Whether a typing signal from `address` (on `connection`, for HTTP) may be passed on; if so it is counted. */
  mayType(address: string, connection: object | undefined): boolean {
    if (connection !== undefined && this.#typingByConnection.wait(connection) > 0) return false;
    if (!this.#typingByAddress.take(address).ok) return false;
    if (connection !== undefined) this.#typingByConnection.take(connection);
    return true;
  }

  /** Lets leases that ran out go. */
  sweep(): void {
    const now = this.now();
    for (const [address, leases] of this.#leases) {
      dropExpired(leases, now);
      if (leases.size === 0) this.#leases.delete(address);
    }
    this.#typingByAddress.sweep();
  }

  /** Whether `sweep` has anything to do. */
  get expiring(): boolean {
    return this.#leases.size > 0 || this.#typingByAddress.expiring;
  }
}

function dropExpired(leases: Map<string, number>, now: number): void {
  for (const [entry, until] of leases) if (until <= now) leases.delete(entry);
}

function extend<K>(holders: { get(key: K): Map<string, number> | undefined; set(key: K, value: Map<string, number>): unknown }, holder: K, entry: string, until: number): void {
  let leases = holders.get(holder);
  if (leases === undefined) {
    leases = new Map();
    holders.set(holder, leases);
  }
  leases.set(entry, Math.max(leases.get(entry) ?? 0, until));
}
