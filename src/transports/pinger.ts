import type { Clock } from './types.js';

/**
 * A WebSocket client's pings, one every interval, for the round-trip figure and as its heartbeat.
 * The first goes at a random point of the first interval: clients that connected together (a room
 * after a server restart, a bench's fleet) would otherwise all ping at the same moment, and the
 * server answer a burst of pongs in one tick. Then on a fixed beat, kept to the times it set out
 * from rather than drifting by each timer's lateness, so that each of the server's sweeps finds
 * one ping of this client since the last.
 */
export class Pinger {
  #timer: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number,
    /** Sends one ping carrying `t`, the clock's time, which the pong echoes. */
    private readonly ping: (t: number) => void,
  ) {}

  start(intervalMs: number): void {
    const { clock } = this;
    let due = clock.now() + this.random() * intervalMs;
    const next = (): void => {
      this.#timer = clock.setTimeout(() => {
        this.ping(clock.now());
        due += intervalMs;
        next();
      }, Math.max(0, due - clock.now()));
    };
    next();
  }

  stop(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
