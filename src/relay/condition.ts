/**
 * What the relay does to the bytes passing through it, as data. Delay and rate shape what flows
 * and combine; blackhole and down override them without forgetting them, so that the end of a
 * blackhole or an outage returns to the delay and rate set before. Only the relay changes its
 * condition, through `nextCondition`, and tells its listeners (next, previous).
 */
export interface Shaping {
  /** Each chunk is held this long, in each direction, ms. */
  readonly delayMs: number;
  /** Each chunk's hold is drawn uniformly from delayMs ± jitterMs; never more than delayMs. */
  readonly jitterMs: number;
  /** Bytes relayed per second at most, per direction of each connection, in bits; undefined: no cap. */
  readonly rateBitsPerSecond: number | undefined;
}

export type NetCondition =
  /** Bytes pass, shaped. */
  | { readonly mode: 'flowing'; readonly shaping: Shaping }
  /** Nothing passes either way and what arrives is dropped; sockets stay open, new ones are accepted. */
  | { readonly mode: 'blackhole'; readonly shaping: Shaping }
  /** Not listening until `until` (the relay clock's ms): connections are refused, and flow resumes by itself then. */
  | { readonly mode: 'down'; readonly shaping: Shaping; readonly until: number };

/** One change a user asks for: the chat's `/net …` words, a key of `termchat relay`, or an item of `--net`. */
export type NetChange =
  | { readonly kind: 'delay'; readonly ms: number; readonly jitterMs: number }
  /** undefined lifts the cap. */
  | { readonly kind: 'rate'; readonly bitsPerSecond: number | undefined }
  /** Resets every relayed connection now; flowing afterwards. */
  | { readonly kind: 'cut' }
  | { readonly kind: 'blackhole'; readonly on: boolean }
  /** Resets every relayed connection and refuses new ones for `ms`. */
  | { readonly kind: 'down'; readonly ms: number }
  /** Back to clean: no delay, no cap, flowing, listening. */
  | { readonly kind: 'heal' };

/** The bounds every change is held to, one declaration for the parser's words and the relay's checks. */
export const NET_LIMITS = {
  maxDelayMs: 60_000,
  minRateBits: 1_000,
  maxRateBits: 10_000_000_000,
  minDownMs: 100,
  maxDownMs: 3_600_000,
} as const;

export const NO_SHAPING: Shaping = { delayMs: 0, jitterMs: 0, rateBitsPerSecond: undefined };

export const CLEAN: NetCondition = { mode: 'flowing', shaping: NO_SHAPING };

/** Whether bytes pass untouched: nothing worth a word on a status bar. */
export function isClean(condition: NetCondition): boolean {
  return condition.mode === 'flowing' && !isShaped(condition.shaping);
}

export function isShaped(shaping: Shaping): boolean {
  return shaping.delayMs > 0 || shaping.rateBitsPerSecond !== undefined;
}

/** Why `change` is outside NET_LIMITS, or undefined when it is within. */
export function outOfLimits(change: NetChange): string | undefined {
  const within = (n: number, min: number, max: number): boolean => Number.isFinite(n) && n >= min && n <= max;
  switch (change.kind) {
    case 'delay':
      return within(change.ms, 0, NET_LIMITS.maxDelayMs) && within(change.jitterMs, 0, change.ms) ? undefined : `delay ${change.ms} ± ${change.jitterMs} ms is outside 0 to ${NET_LIMITS.maxDelayMs} ms (jitter up to the delay)`;
    case 'rate':
      return change.bitsPerSecond === undefined || within(change.bitsPerSecond, NET_LIMITS.minRateBits, NET_LIMITS.maxRateBits)
        ? undefined
        : `rate ${change.bitsPerSecond} bit/s is outside ${NET_LIMITS.minRateBits} to ${NET_LIMITS.maxRateBits}`;
    case 'down':
      return within(change.ms, NET_LIMITS.minDownMs, NET_LIMITS.maxDownMs) ? undefined : `down ${change.ms} ms is outside ${NET_LIMITS.minDownMs} to ${NET_LIMITS.maxDownMs} ms`;
    default:
      return undefined;
  }
}

/** The condition after `change`, at `now` on the relay's clock. */
export function nextCondition(current: NetCondition, change: NetChange, now: number): NetCondition {
  const { shaping } = current;
  switch (change.kind) {
    case 'delay':
      return { ...current, shaping: { ...shaping, delayMs: change.ms, jitterMs: change.jitterMs } };
    case 'rate':
      return { ...current, shaping: { ...shaping, rateBitsPerSecond: change.bitsPerSecond } };
    case 'cut':
      return { mode: 'flowing', shaping };
    case 'blackhole':
      if (change.on) return { mode: 'blackhole', shaping };
      return current.mode === 'blackhole' ? { mode: 'flowing', shaping } : current;
    case 'down':
      return { mode: 'down', shaping, until: now + change.ms };
    case 'heal':
      return CLEAN;
  }
}
