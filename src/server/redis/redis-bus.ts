import type { Message, ReadPosition } from '../../protocol/index.js';
import { debug } from '../base/log.js';
import type { Bus } from '../room/bus.js';
import type { Hub, RoomListener } from '../room/hub.js';
import { Outgoing } from '../wire/outgoing.js';
import { decodeNote } from './codec.js';
import type { RedisKeys } from './keys.js';
import type { RedisLink } from './link.js';

interface TypingNote {
  readonly instance: string;
  readonly room: string;
  readonly user: string;
}

interface ReadsNote {
  readonly instance: string;
  readonly room: string;
  readonly reads: readonly ReadPosition[];
}

/** A position in a note from another instance, as far as it can be believed: Redis is ours, but a note is only text. */
const isPosition = (value: unknown): value is ReadPosition =>
  typeof value === 'object' && value !== null && typeof (value as ReadPosition).user === 'string' && Number.isSafeInteger((value as ReadPosition).id) && (value as ReadPosition).id >= 1;

/**
 * Cross-instance fan-out over Redis Pub/Sub. The append script publishes each message as it
 * commits it, so this bus only listens: every note, this instance's own included, goes to the hub,
 * and the sender's instance also hands its message over at once without waiting for the echo.
 *
 * Why Pub/Sub and not XREAD BLOCK on the rooms' Streams: one subscription carries every room with
 * no blocking connection to re-issue whenever the set of rooms with listeners changes, and a
 * message reaches the other instances in one push. What Pub/Sub lacks — replay after a lost
 * connection — the feeds already have: a gap in ids makes a connection re-read the store, and when
 * the subscription comes back `resync` makes every connection re-read it from its last id, so a
 * note missed while disconnected is never a message missed.
 */
export class RedisBus implements Bus {
  /** The highest id handed to the hub per room. Handing over a higher one makes every listener catch up through the store, so anything not above it is old news. */
  readonly #highest = new Map<string, number>();

  constructor(
    private readonly hub: Hub,
    private readonly link: RedisLink,
    private readonly keys: RedisKeys,
    private readonly instance: string,
    /** Read positions another instance told: to keep, and tell this instance's listeners. */
    private readonly onReads: (room: string, reads: readonly ReadPosition[]) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.link.subscribe(this.keys.messagesChannel, (note) => this.#onMessageNote(note));
    await this.link.subscribe(this.keys.typingChannel, (note) => this.#onTypingNote(note));
    await this.link.subscribe(this.keys.readsChannel, (note) => this.#onReadsNote(note));
  }

  message(message: Message): void {
    this.#deliver(new Outgoing(message));
  }

  typing(room: string, user: string, from?: RoomListener): void {
    this.hub.typing(room, user, from);
    const note: TypingNote = { instance: this.instance, room, user };
    // Typing is a hint: while Redis is away it simply does not reach the other instances.
    this.link.cmd.publish(this.keys.typingChannel, JSON.stringify(note)).catch(() => {});
  }

  reads(room: string, reads: readonly ReadPosition[]): void {
    this.hub.reads(room, reads);
    const note: ReadsNote = { instance: this.instance, room, reads };
    // Like typing, read receipts are news, not history: while Redis is away they stay on this instance.
    this.link.cmd.publish(this.keys.readsChannel, JSON.stringify(note)).catch(() => {});
  }

  /** The subscription was lost for a while: every connection re-reads the store from its last id. */
  resync(): void {
    this.hub.resync();
  }

  /** The highest message id seen per room. */
  lastIds(): ReadonlyMap<string, number> {
    return this.#highest;
  }

  /** The history began anew: ids start again from 1. */
  reset(): void {
    this.#highest.clear();
  }

  #deliver(out: Outgoing): void {
    const room = out.message.room;
    if (out.id <= (this.#highest.get(room) ?? 0)) return;
    this.#highest.set(room, out.id);
    this.hub.publish(out);
  }

  #onMessageNote(note: string): void {
    const message = decodeNote(note);
    if (message === undefined) return void debug.redis('ignored a message note: %s', note.slice(0, 80));
    this.#deliver(new Outgoing(message));
  }

  #onReadsNote(note: string): void {
    let parsed: Partial<ReadsNote>;
    try {
      parsed = JSON.parse(note) as Partial<ReadsNote>;
    } catch {
      return;
    }
    if (parsed.instance === this.instance || typeof parsed.room !== 'string' || !Array.isArray(parsed.reads)) return;
    const reads = parsed.reads.filter(isPosition);
    if (reads.length > 0) this.onReads(parsed.room, reads);
  }

  #onTypingNote(note: string): void {
    let parsed: TypingNote;
    try {
      parsed = JSON.parse(note) as TypingNote;
    } catch {
      return;
    }
    if (parsed.instance !== this.instance && typeof parsed.room === 'string' && typeof parsed.user === 'string') this.hub.typing(parsed.room, parsed.user, undefined);
  }
}
