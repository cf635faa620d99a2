/**
 * A small typed event emitter: `Events` maps each event name to its argument tuple, so a
 * listener of the wrong shape does not compile. Listeners run in the order they were added.
 */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #listeners = new Map<keyof Events, Set<unknown>>();

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return this;
  }

  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    // A copy, so that a listener removing itself (or another) does not disturb this round.
    for (const listener of [...set]) (listener as (...args: Events[E]) => void)(...args);
  }
}
