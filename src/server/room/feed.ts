import { PAGE_LIMIT } from '../../protocol/index.js';
import type { HistoryStore } from '../store/history-store.js';
import { Outgoing } from '../wire/outgoing.js';

/**
 * The connection a Feed feeds. An interface the connection implements rather than callbacks: an
 * idle connection holds no closures for its feed.
 */
export interface FeedSink {
  /** Writes one message to the connection. */
  deliver(out: Outgoing): void;
  /** The store could not be read: the connection ends. */
  feedFailed(error: unknown): void;
  /**
   * Asked before each backlog message: undefined when the connection has room for it now, else a
   * promise that resolves once it has. Backlog is thus paced by the reader, never counted against
   * it: only live messages that find the connection full make it a slow reader.
   */
  roomForBacklog(): Promise<void> | undefined;
}

/**
 * Hands one connection the messages of a room in id order, each exactly once: first the backlog
 * after `since`, then live ones. A live message that does not follow the last one sent (it
 * overtook the backlog, or an earlier one has not arrived) sends the feed back to the store to
 * fill the gap, so ordering holds whatever order fan-out happens in.
 */
export class Feed {
  #lastId: number;
  #catchingUp = false;
  /** A live message came while catching up: read the store once more before going live. */
  #behind = false;
  #closed = false;

  constructor(
    private readonly store: HistoryStore,
    private readonly room: string,
    since: number,
    private readonly sink: FeedSink,
  ) {
    this.#lastId = since;
  }

  get lastId(): number {
    return this.#lastId;
  }

  /** Sends the backlog; call after the connection listens to the hub so nothing falls between. */
  start(): void {
    this.#catchUp();
  }

  /** A live message from the hub. */
  offer(out: Outgoing): void {
    if (this.#closed || out.id <= this.#lastId) return;
    if (this.#catchingUp) {
      this.#behind = true;
      return;
    }
    if (out.id === this.#lastId + 1) {
      this.#send(out);
      return;
    }
    this.#catchUp();
  }

  /** Messages may have been missed without a later one to show the gap: read the store again. */
  resync(): void {
    if (this.#closed) return;
    if (this.#catchingUp) this.#behind = true;
    else this.#catchUp();
  }

  close(): void {
    this.#closed = true;
  }

  #send(out: Outgoing): void {
    this.#lastId = out.id;
    this.sink.deliver(out);
  }

  #catchUp(): void {
    if (this.#catchingUp || this.#closed) return;
    this.#catchingUp = true;
    this.#drain().catch((error: unknown) => {
      this.#catchingUp = false;
      this.sink.feedFailed(error);
    });
  }

  async #drain(): Promise<void> {
    for (;;) {
      this.#behind = false;
      const page = await this.store.since(this.room, this.#lastId, PAGE_LIMIT);
      if (this.#closed) return;
      for (const message of page.messages) {
        if (message.id <= this.#lastId) continue;
        const wait = this.sink.roomForBacklog();
        if (wait !== undefined) {
          // Live messages that come meanwhile set #behind, so the store is read again below.
          await wait;
          if (this.#closed) return;
        }
        this.#send(new Outgoing(message));
      }
      if (!page.hasMore && !this.#behind) {
        // Cleared in the same turn as the last send, so no live message can slip between.
        this.#catchingUp = false;
        return;
      }
    }
  }
}
