import { CLEAN, nextCondition, outOfLimits, type NetChange, type NetCondition } from '../../src/relay/condition.js';
import type { NetApplied, NetLever, NetListener } from '../../src/ui/net-lever.js';

/**
 * A lever over no relay: it keeps the condition as the relay would (the same nextCondition and
 * limits), records every change, and lets a test set the time, the connections a change resets,
 * and a change that comes by itself.
 */
export class FakeLever implements NetLever {
  readonly unavailable = undefined;
  readonly applied: NetChange[] = [];
  /** What the next changes report as reset. */
  resetsPerChange = 0;
  time = Date.UTC(2025, 0, 1, 12, 0, 0);
  #condition: NetCondition = CLEAN;
  readonly #listeners = new Set<NetListener>();

  get condition(): NetCondition {
    return this.#condition;
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  now(): number {
    return this.time;
  }

  apply(change: NetChange): NetApplied {
    const problem = outOfLimits(change);
    if (problem !== undefined) return { ok: false, reason: problem };
    this.applied.push(change);
    this.set(nextCondition(this.#condition, change, this.time));
    return { ok: true, condition: this.#condition, reset: this.resetsPerChange };
  }

  /** A change that came without apply(): the end of `down`, say. */
  set(next: NetCondition): void {
    const previous = this.#condition;
    this.#condition = next;
    for (const listener of [...this.#listeners]) listener(next, previous);
  }

  subscribe(listener: NetListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
