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
 * performance.now() from the epoch it started at: as comparable with Date.now() as the client's
 * own timestamps, but monotonic, so a clock set back while chunks are held never holds them longer.
 */
export const systemClock: RelayClock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
