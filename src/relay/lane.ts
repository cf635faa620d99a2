import type { RelayClock } from './clock.js';
import { isShaped, type NetCondition, type Shaping } from './condition.js';

/** Where a lane writes: the far socket, or a test's stand-in. */
export interface LaneSink {
  write(chunk: Buffer): boolean;
  end(): void;
  once(event: 'drain', listener: () => void): unknown;
}

/** Where a lane reads from: paused while the lane holds too much. */
export interface LaneSource {
  pause(): unknown;
  resume(): unknown;
}

/** Bytes one direction of the relay forwarded and dropped, summed over all its connections. */
export interface LaneTally {
  forwarded: number;
  dropped: number;
}

export interface LaneDeps {
  readonly clock: RelayClock;
  /** A number in [0, 1), for the jitter. */
  readonly random: () => number;
  /** The relay's condition now: a lane keeps no copy, so one change reaches every lane. */
  readonly condition: () => NetCondition;
  readonly tally: LaneTally;
  /**
   * The lane of a new connection toward its server, on a relay that stands in for TCP's
   * handshake: its first chunk is held one more round trip (twice the delay), as a real link
   * holds a client's first bytes until the handshake is done. The relay's own connect completes
   * at once, so without this a new connection costs one round trip less than on a real link.
   */
  readonly handshake?: boolean;
}

/** A held chunk, or the stream's end (FIN), which keeps its place behind the bytes sent before it. */
interface Held {
  readonly bytes: Buffer | undefined;
  readonly arrivedAt: number;
  /** Held on top of the condition's delay: the handshake's round trip, for a connection's first chunk. */
  readonly extraMs: number;
  readonly releaseAt: number;
}

/**
 * Above this many held bytes the source is paused, so a delayed or capped lane pushes back on its
 * sender as a narrow link's full window does, instead of buffering without bound.
 */
export const HIGH_WATER_BYTES = 256 * 1024;

/** Under a cap, chunks are cut into what the link carries in this long, so bytes trickle out as on a slow link instead of leaving a whole chunk at once. */
const SLICE_MS = 20;

/** Held entries passed over before the array is compacted: a slow lane may hold thousands of slices. */
const COMPACT_AFTER = 1024;

/**
 * One direction of one relayed connection: chunks from a source to a sink, shaped by the relay's
 * condition. Order is kept: a chunk leaves only after every chunk before it, whatever its jitter
 * drew, and the end only after the last byte. Bytes that pass untouched (a clean condition and
 * nothing held) are written at once; otherwise they are held in one queue with one timer, for the
 * head. A blackhole drops what arrives and what is held, and the lane is then torn: its stream
 * has a hole no TCP connection can have.
 */
export class Lane {
  readonly #source: LaneSource;
  readonly #sink: LaneSink;
  readonly #deps: LaneDeps;
  #held: Held[] = [];
  #head = 0;
  #heldBytes = 0;
  #timer: unknown;
  /** Under a cap, when the link is done carrying what was given to it: the next slice starts then. */
  #linkFreeAt = 0;
  #awaitingDrain = false;
  #sourcePaused = false;
  #torn = false;
  #closed = false;
  /** Whether the first chunk, which a handshake holds longer, is still to come. */
  #beforeFirst: boolean;

  constructor(source: LaneSource, sink: LaneSink, deps: LaneDeps) {
    this.#source = source;
    this.#sink = sink;
    this.#deps = deps;
    this.#beforeFirst = deps.handshake === true;
  }

  /** A chunk read from the source. */
  push(chunk: Buffer): void {
    if (this.#closed) return;
    const condition = this.#deps.condition();
    if (condition.mode !== 'flowing') return this.#drop(chunk.length);
    const extraMs = this.#beforeFirst ? 2 * condition.shaping.delayMs : 0;
    this.#beforeFirst = false;
    if (this.#passesUntouched(condition.shaping)) return this.#write(chunk);
    this.#hold(chunk, this.#deps.clock.now(), condition.shaping, extraMs);
    this.#afterChange();
  }

  /** The source ended (FIN): the sink is ended once everything before it has left. */
  end(): void {
    if (this.#closed) return;
    const condition = this.#deps.condition();
    if (condition.mode !== 'flowing') return void (this.#torn = true);
    if (this.#passesUntouched(condition.shaping)) return this.#sink.end();
    this.#hold(undefined, this.#deps.clock.now(), condition.shaping);
    this.#afterChange();
  }

  /** The condition changed: what is held is timed again under it from now, or dropped by a blackhole. */
  reschedule(): void {
    if (this.#closed) return;
    this.#disarm();
    const held = this.#held.slice(this.#head);
    this.#held = [];
    this.#head = 0;
    this.#heldBytes = 0;
    const condition = this.#deps.condition();
    if (condition.mode !== 'flowing') {
      for (const item of held) this.#drop(item.bytes?.length ?? 0);
    } else {
      this.#linkFreeAt = this.#deps.clock.now();
      for (const item of held) this.#hold(item.bytes, item.arrivedAt, condition.shaping, item.extraMs);
    }
    // What is due under the new condition (all of it, once healed) leaves now.
    this.#release();
  }

  /** Whether bytes or the end were dropped: the far side's stream has a hole. */
  get torn(): boolean {
    return this.#torn;
  }

  /** Bytes held now, not yet written. */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  /** For a connection that is gone: nothing more is written, the timer is cleared. */
  close(): void {
    this.#closed = true;
    this.#disarm();
    this.#held = [];
    this.#head = 0;
    this.#heldBytes = 0;
  }

  #passesUntouched(shaping: Shaping): boolean {
    return this.#head === this.#held.length && !this.#awaitingDrain && !isShaped(shaping);
  }

  /**
   * Queues `bytes` (or the end) to leave after the link has carried it at the capped rate and the
   * delay, drawn once per chunk, has passed, and `extraMs` after it. The queue's order is the order
   * of release, so a chunk whose jitter drew less than its predecessor's waits for it.
   */
  #hold(bytes: Buffer | undefined, arrivedAt: number, shaping: Shaping, extraMs = 0): void {
    const { delayMs, jitterMs, rateBitsPerSecond: rate } = shaping;
    const hold = delayMs + (2 * this.#deps.random() - 1) * jitterMs + extraMs;
    const now = this.#deps.clock.now();
    for (const piece of bytes === undefined || rate === undefined ? [bytes] : slices(bytes, rate)) {
      let carriedAt = arrivedAt;
      if (rate !== undefined && piece !== undefined) {
        this.#linkFreeAt = Math.max(now, this.#linkFreeAt) + (piece.length * 8000) / rate;
        carriedAt = this.#linkFreeAt;
      }
      this.#held.push({ bytes: piece, arrivedAt, extraMs, releaseAt: carriedAt + hold });
      this.#heldBytes += piece?.length ?? 0;
    }
  }

  #release(): void {
    this.#timer = undefined;
    const now = this.#deps.clock.now();
    while (!this.#awaitingDrain && this.#head < this.#held.length) {
      const next = this.#held[this.#head]!;
      if (next.releaseAt > now) break;
      this.#head++;
      if (next.bytes === undefined) {
        this.#sink.end();
        continue;
      }
      this.#heldBytes -= next.bytes.length;
      this.#write(next.bytes);
    }
    if (this.#head === this.#held.length) {
      this.#held = [];
      this.#head = 0;
    } else if (this.#head > COMPACT_AFTER) {
      this.#held = this.#held.slice(this.#head);
      this.#head = 0;
    }
    this.#afterChange();
  }

  #write(bytes: Buffer): void {
    this.#deps.tally.forwarded += bytes.length;
    if (this.#sink.write(bytes)) return;
    this.#awaitingDrain = true;
    this.#sink.once('drain', () => {
      this.#awaitingDrain = false;
      if (!this.#closed) this.#release();
    });
  }

  #drop(bytes: number): void {
    this.#deps.tally.dropped += bytes;
    this.#torn = true;
  }

  /** Pauses or resumes the source for what is held now, and sets the timer for the head. */
  #afterChange(): void {
    if (!this.#sourcePaused && this.#heldBytes > HIGH_WATER_BYTES) {
      this.#sourcePaused = true;
      this.#source.pause();
    } else if (this.#sourcePaused && this.#heldBytes <= HIGH_WATER_BYTES / 2) {
      this.#sourcePaused = false;
      this.#source.resume();
    }
    if (this.#timer !== undefined || this.#awaitingDrain || this.#head === this.#held.length) return;
    const wait = Math.max(0, Math.ceil(this.#held[this.#head]!.releaseAt - this.#deps.clock.now()));
    this.#timer = this.#deps.clock.setTimeout(() => this.#release(), wait);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** `bytes` in pieces of what a link of `rate` bits per second carries in SLICE_MS (at least one byte). */
function slices(bytes: Buffer, rate: number): Buffer[] {
  const size = Math.max(1, Math.floor((rate / 8) * (SLICE_MS / 1000)));
  if (bytes.length <= size) return [bytes];
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}
