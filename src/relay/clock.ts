/**
 * The relay's time and timers, injected so that delay, pacing and `down`'s return are tested
 * with a fake clock instead of sleeps. The same shape as the client's clock, so one fake drives
 * both.
 */
export interface RelayClock {
  /** Milliseconds, comparable with Date.now(): a `down` condition's end is read against it. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Date.now() itself, so that a `down` condition's end, read by a status bar against Date.now(),
 * counts down from the very seconds asked for (a monotonic clock drifts from it by milliseconds,
 * enough to show "down 11 s" for `down 10`). A wall clock stepped back while chunks are held would
 * hold them longer by the step; clocks are slewed far more often than stepped. Whole milliseconds
 * are fine enough for holds of tens of them.
 */
export const systemClock: RelayClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
