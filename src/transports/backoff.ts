/** Reconnect delay bounds: the first retry waits up to `baseMs`, each further one twice as long, never over `capMs`. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

/** 1 s doubling to 30 s, as the issue asks. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 30_000 };

/**
 * The delay before reconnect attempt `attempt` (1 for the first retry), in ms. Pure: the caller
 * keeps the attempt counter and supplies `random` (a number in [0, 1)).
 *
 * The ceiling is `baseMs · 2^(attempt−1)`, capped at `capMs`; the delay is drawn with "equal
 * jitter", uniformly from [ceiling/2, ceiling]. Not full jitter ([0, ceiling]) because:
 * - a retry never fires at once, so a client cannot hammer a server that just went away;
 * - below the cap each attempt's range begins where the previous one ended, so the delay never
 *   shrinks while the server stays unreachable (full jitter may draw 10 ms after 900 ms);
 * - half the window is still random, enough to spread a thousand clients that lost the same server.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.max(1, Math.floor(attempt));
  // 2^30 already exceeds any sensible cap; stopping there keeps the arithmetic finite.
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(step - 1, 30));
  return Math.round(ceiling / 2 + (unitDraw(random) * ceiling) / 2);
}

/**
 * `ms` give or take `fraction` of it, drawn uniformly: timers that many clients start together
 * (pings, polls, presence refreshes, bots' lines) drift apart instead of firing in step, for ever.
 * The mean stays `ms`.
 */
export function jittered(ms: number, fraction: number, random: () => number): number {
  return ms * (1 - fraction + 2 * fraction * unitDraw(random));
}

/** A draw of `random` kept within [0, 1]: a source may stray outside it. */
export function unitDraw(random: () => number): number {
  return Math.min(Math.max(random(), 0), 1);
}
