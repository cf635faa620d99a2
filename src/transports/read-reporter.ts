import { debug } from './log.js';
import type { TransportHandle } from './transport.js';
import type { Clock } from './types.js';

/** What a connection asks of whatever tells its read positions. */
export interface ReadTeller {
  read(id: number): void;
  opened(): void;
  refused(retryAfterMs: number): void;
  reset(): void;
  stop(): void;
}

/** Makes a connection's ReadTeller; `transport` gives the open transport, if any. */
export type ReadTellerFactory = (clock: Clock, intervalMs: number, transport: () => TransportHandle | undefined) => ReadTeller;

/** The ReadReporter, as a connection's deps give it (Node's createClient; the web page has none yet). */
export const readReporter: ReadTellerFactory = (clock, intervalMs, transport) => new ReadReporter(clock, intervalMs, transport);

/**
 * Tells the server how far the caller has read (read receipts): the newest id it was given, at most
 * once an interval, only while a transport is open, and again after each open, since the server
 * may be another instance or have restarted and lost what it kept. A refusal (too many, too soon)
 * is told again when the server says.
 */
export class ReadReporter implements ReadTeller {
  /** The newest id the caller has read. */
  #wanted = 0;
  /** The newest id told to the open transport. */
  #told = 0;
  #lastAt = Number.NEGATIVE_INFINITY;
  #timer: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    /** The open transport, if there is one. */
    private readonly transport: () => TransportHandle | undefined,
  ) {}

  /** The caller has read up to `id`. */
  read(id: number): void {
    if (!(id > this.#wanted)) return;
    this.#wanted = id;
    this.#pump();
  }

  /** A transport opened: what was told to the last one is told again. */
  opened(): void {
    this.#told = 0;
    this.#pump();
  }

  /** The server would not take the position now: again after `retryAfterMs`. */
  refused(retryAfterMs: number): void {
    this.#told = 0;
    this.#lastAt = this.clock.now() + retryAfterMs - this.intervalMs;
    this.#pump();
  }

  /** The history began anew: the ids read mean nothing any more. */
  reset(): void {
    this.#wanted = 0;
    this.#told = 0;
  }

  stop(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #pump(): void {
    if (this.#wanted <= this.#told || this.#timer !== undefined) return;
    const transport = this.transport();
    if (transport === undefined) return;
    const wait = this.#lastAt + this.intervalMs - this.clock.now();
    if (wait > 0) {
      this.#timer = this.clock.setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    this.#told = this.#wanted;
    this.#lastAt = this.clock.now();
    debug.client('read up to #%d', this.#told);
    transport.read(this.#told);
  }
}
