/**
 * The heartbeat a client assumes of a server that announces none (one from before `welcome` said
 * it): such a server's SSE keep-alives came at least every 15 s, and its WebSocket answers the
 * client's own pings, so silence past this and a grace is never a live link of theirs.
 */
export const ASSUMED_HEARTBEAT_MS = 15_000;

/** A grace is never shorter than this: a loaded machine or a busy link can be that late with a frame. */
export const MIN_GRACE_MS = 1000;

/**
 * What a client makes of an announced heartbeat: at least the server's own floor (`--heartbeat`
 * takes 0.05 s) and at most an hour, so that a broken or hostile server can neither make the
 * client ping in a loop nor switch its watch off.
 */
const HEARTBEAT_RANGE = { min: 50, max: 3_600_000 } as const;

/** How a slow answer's time fades from the grace, poll by poll: a slow spell is remembered for a few polls. */
const SLOWEST_FADE = 0.75;

/** How long a link may go without a word: what it should hear at least every so often, and how late that may be. */
export interface Silence {
  /** The longest a healthy link goes between two things heard: a heartbeat, a keep-alive, a poll's answer. */
  readonly cadenceMs: number;
  /** How late the next may be before the link counts as dead. */
  readonly graceMs: number;
}

/**
 * The silence bounds of a link that hears something every `cadenceMs`. The grace is one cadence
 * (two heartbeats in all, as the protocol says), at least MIN_GRACE_MS, and at least twice the
 * slowest recent answer (`slowestMs`, for requests): a slow link is not a dead one.
 */
export function silence(cadenceMs: number, slowestMs = 0): Silence {
  return { cadenceMs, graceMs: Math.max(cadenceMs, MIN_GRACE_MS, 2 * slowestMs) };
}

/** Silence this long means a dead link: the cadence and the whole grace. */
export function deadAfter({ cadenceMs, graceMs }: Silence): number {
  return cadenceMs + graceMs;
}

/** Silence past this is shown as quiet: the next word is overdue by half the grace, before the link is called dead. */
export function quietAfter({ cadenceMs, graceMs }: Silence): number {
  return cadenceMs + graceMs / 2;
}

/** The heartbeat to time a link against: the server's when it said one (within reason), else `assumedMs`. */
export function believedHeartbeat(announcedMs: number | undefined, assumedMs: number): number {
  if (announcedMs === undefined || !Number.isFinite(announcedMs)) return assumedMs;
  return Math.min(HEARTBEAT_RANGE.max, Math.max(HEARTBEAT_RANGE.min, announcedMs));
}

/** The slowest recent answer after one more took `sampleMs`: older ones fade. */
export function slowestAnswer(previousMs: number, sampleMs: number): number {
  return Math.max(sampleMs, previousMs * SLOWEST_FADE);
}
