/** How soon a write the file refused as busy is tried again. */
const RETRY_EVERY_MS = 20;
/** How long a write waits for the file's lock before it is refused as unavailable. */
const GIVE_UP_AFTER_MS = 250;

interface Waiting {
  readonly write: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly giveUpAt: number;
}

/**
 * Runs a store's writes in the order they came, never letting the event loop wait on the file's
 * lock. The database is told not to wait (busy_timeout 0): a write it refuses as busy waits on a
 * timer instead, and every write after it waits behind it, so that each sender's messages keep their
 * order. One still refused after GIVE_UP_AFTER_MS fails with the busy error: nothing was stored,
 * and the sender tries again later with the same clientId. While nothing waits, a write runs at
 * once, in the caller's turn, as it would without the queue.
 */
export class WriteQueue {
  readonly #waiting: Waiting[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly isBusy: (error: unknown) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  run<T>(write: () => T): Promise<T> {
    if (this.#waiting.length === 0) {
      try {
        return Promise.resolve(write());
      } catch (error) {
        if (!this.isBusy(error)) return Promise.reject(error as Error);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ write, resolve: resolve as (value: unknown) => void, reject, giveUpAt: this.now() + GIVE_UP_AFTER_MS });
      this.#schedule();
    });
  }

  /** Refuses every waiting write with `error`, for closing. */
  abandon(error: Error): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const job of this.#waiting.splice(0)) job.reject(error);
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => this.#drain(), RETRY_EVERY_MS);
  }

  #drain(): void {
    this.#timer = undefined;
    while (this.#waiting.length > 0) {
      const job = this.#waiting[0]!;
      try {
        const value = job.write();
        this.#waiting.shift();
        job.resolve(value);
      } catch (error) {
        if (!this.isBusy(error)) {
          this.#waiting.shift();
          job.reject(error);
          continue;
        }
        // Still locked: those that waited long enough give up (they came in order, so they lead).
        const now = this.now();
        while (this.#waiting.length > 0 && this.#waiting[0]!.giveUpAt <= now) this.#waiting.shift()!.reject(error);
        break;
      }
    }
    if (this.#waiting.length > 0) this.#schedule();
  }
}
