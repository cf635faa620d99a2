import { deadAfter, quietAfter, silence, type Silence } from './liveness.js';
import type { Clock } from './types.js';

/**
 * When a transport last heard from the server, against how often it should: silence past a
 * heartbeat and half its grace shows as quiet, past the whole grace the link is dead. While it
 * watches, one timer, set for when silence would reach that bound, not one per frame.
 */
export class Watchdog {
  #lastSeen: number;
  #silence: Silence;
  #timer: unknown;
  #onDead: ((silentMs: number, bounds: Silence) => void) | undefined;

  constructor(
    private readonly clock: Clock,
    cadenceMs: number,
  ) {
    this.#lastSeen = clock.now();
    this.#silence = silence(cadenceMs);
  }

  /** Something came from the server. */
  heard(): void {
    this.#lastSeen = this.clock.now();
  }

  /** When the server was last heard from. */
  get heardAt(): number {
    return this.#lastSeen;
  }

  /** The silence bounds now. */
  get bounds(): Silence {
    return this.#silence;
  }

  /**
   * The server should be heard from at least every `cadenceMs` (a heartbeat, a poll's wait or
   * interval); `slowestMs`, the slowest recent answer, widens a request's grace.
   */
  expect(cadenceMs: number, slowestMs = 0): void {
    this.#silence = silence(cadenceMs, slowestMs);
    // A shorter bound than the one the timer was set for must not wait for it.
    if (this.#onDead !== undefined) this.#check();
  }

  /** How long the server has been silent, once overdue; undefined while it is heard as expected. */
  quietFor(): number | undefined {
    const quiet = this.clock.now() - this.#lastSeen;
    return quiet > quietAfter(this.#silence) ? quiet : undefined;
  }

  /** From now, silence past the bound calls `onDead` once, with how long it lasted. */
  watch(onDead: (silentMs: number, bounds: Silence) => void): void {
    this.#onDead = onDead;
    this.heard();
    this.#check();
  }

  stop(): void {
    this.#onDead = undefined;
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #check(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    const onDead = this.#onDead;
    if (onDead === undefined) return;
    const silent = this.clock.now() - this.#lastSeen;
    const limit = deadAfter(this.#silence);
    if (silent < limit) {
      this.#timer = this.clock.setTimeout(() => this.#check(), limit - silent);
      return;
    }
    this.stop();
    onDead(silent, this.#silence);
  }
}
