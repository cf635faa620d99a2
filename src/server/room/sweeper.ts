/**
 * Runs a sweep every `everyMs` while something can expire, and not otherwise: a server whose
 * clients all hold streams open is not woken every second for nothing, since every wake-up costs
 * CPU (bench/README.md, "Measurements behind the code"). Whatever adds something that can
 * expire calls `arm()`.
 */
export class Sweeper {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly everyMs: number,
    private readonly sweep: () => void,
    private readonly expiring: () => boolean,
  ) {}

  /** Makes sure a sweep comes while anything can expire. */
  arm(): void {
    if (this.#timer !== undefined || this.#stopped || !this.expiring()) return;
    this.#timer = setInterval(() => {
      this.sweep();
      if (!this.expiring()) this.#clear();
    }, this.everyMs);
    this.#timer.unref();
  }

  /** For shutdown: no sweep from now on. */
  stop(): void {
    this.#stopped = true;
    this.#clear();
  }

  /** Whether a sweep is scheduled. */
  get armed(): boolean {
    return this.#timer !== undefined;
  }

  #clear(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
