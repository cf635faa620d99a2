import { jittered, unitDraw } from '../transports/backoff.js';

/**
 * The wait before a bot's first line: anywhere in one period, so bots started together do not
 * all speak at once.
 */
export function firstDelay(everyMs: number, random: () => number): number {
  return Math.round(unitDraw(random) * everyMs);
}

/**
 * The wait between two lines: uniform in [½, 1½] of the period, so the mean is the period but
 * the room does not tick like a metronome.
 */
export function nextDelay(everyMs: number, random: () => number): number {
  return Math.round(jittered(everyMs, 0.5, random));
}

/** How long before a line the bot says it is typing: long enough to be seen, never past half the wait. */
export function typingLead(delayMs: number, leadMs: number): number {
  return Math.max(0, Math.min(leadMs, Math.floor(delayMs / 2)));
}
