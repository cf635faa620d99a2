import type { Clock } from './types.js';

/** Where a wall clock with a fraction reads its time; tests pass fake ones. */
export interface TimeSources {
  /** Whole epoch milliseconds (Date.now). */
  readonly wall: () => number;
  /** A monotonic clock in fractional milliseconds (performance.now). */
  readonly monotonic: () => number;
  /** Epoch milliseconds at monotonic 0 (performance.timeOrigin). */
  readonly origin: number;
}

/** How far the fractional clock may stray from Date.now() before it takes Date.now()'s side. */
const STRAY_MS = 2;

/**
 * Epoch milliseconds with a fraction. Date.now() counts whole milliseconds, which is too coarse
 * for one-way latencies between processes on one host, as short as its step: every sample is
 * off by up to a step and percentiles jump by whole steps. This reads the monotonic clock from
 * the epoch time it started at, and re-anchors on Date.now() when the two disagree (the system
 * clock was set), so it stays a wall clock that any other process on the host can compare with.
 */
export function fractionalWallClock(sources: TimeSources = nodeTimeSources()): () => number {
  const { wall, monotonic } = sources;
  let offset = sources.origin;
  return () => {
    const t = offset + monotonic();
    const d = wall();
    if (t > d - STRAY_MS && t < d + 1 + STRAY_MS) return t;
    // Read Date.now() on both sides of the monotonic clock so that a pause between the reads
    // (preemption) cannot pass for a clock step; take the middle of the millisecond it names.
    for (;;) {
      const before = wall();
      const m = monotonic();
      if (wall() === before) {
        offset = before + 0.5 - m;
        return offset + m;
      }
    }
  };
}

function nodeTimeSources(): TimeSources {
  return { wall: Date.now, monotonic: () => performance.now(), origin: performance.timeOrigin };
}

/** Epoch ms with a sub-millisecond fraction: what messages' `sentAt` and latencies are read on. */
export const preciseNow = fractionalWallClock();

/** The process clock and timers; tests pass a fake one instead. */
export const realClock: Clock = {
  now: preciseNow,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
