import type { PresenceEvent, ReadPosition } from '../../protocol/index.js';
import { debug } from '../base/log.js';
import { Announcement } from '../wire/announcement.js';
import type { Outgoing } from '../wire/outgoing.js';

/** A live listener on one room: a WebSocket or an SSE stream. */
export interface RoomListener {
  message(out: Outgoing): void;
  /** Someone came or went (`news.data` is the PresenceEvent). */
  presence(news: Announcement): void;
  /** `news.data.user` is typing. */
  typing(news: Announcement): void;
  /** Read positions moved (`news.data.reads`). */
  reads(news: Announcement): void;
  /** News may have been missed (the bus lost its subscription): re-read the store from the last id sent. */
  resync(): void;
}

/**
 * Live fan-out within this process: who listens to which room, and the long polls waiting on it.
 * History is the store's; the hub only passes on what was just committed.
 */
export class Hub {
  readonly #listeners = new Map<string, Set<RoomListener>>();
  readonly #waiters = new Map<string, Set<() => void>>();

  /**
   * `listener` hears `room` until `unlisten`. No cancel closure is handed back: an idle connection
   * costs what it holds, and the listener already knows its room.
   */
  listen(room: string, listener: RoomListener): void {
    let set = this.#listeners.get(room);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(room, set);
    }
    set.add(listener);
  }

  unlisten(room: string, listener: RoomListener): void {
    const set = this.#listeners.get(room);
    if (set === undefined) return;
    set.delete(listener);
    if (set.size === 0) this.#listeners.delete(room);
  }

  /** Calls `wake` once, on the next message in `room`; returns a cancel function. */
  waitForMessage(room: string, wake: () => void): () => void {
    let set = this.#waiters.get(room);
    if (set === undefined) {
      set = new Set();
      this.#waiters.set(room, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.#waiters.get(room) === set) this.#waiters.delete(room);
    };
  }

  publish(out: Outgoing): void {
    const room = out.message.room;
    const listeners = this.#listeners.get(room);
    if (listeners !== undefined) for (const listener of listeners) listener.message(out);
    const waiters = this.#waiters.get(room);
    if (waiters !== undefined) {
      this.#waiters.delete(room);
      for (const wake of waiters) wake();
    }
    debug.hub('message %s#%d to %d listeners, %d waiters', room, out.id, listeners?.size ?? 0, waiters?.size ?? 0);
  }

  presence(room: string, event: PresenceEvent): void {
    const listeners = this.#listeners.get(room);
    if (listeners === undefined) return;
    const news = new Announcement('presence', event);
    for (const listener of listeners) listener.presence(news);
  }

  typing(room: string, user: string, from: RoomListener | undefined): void {
    const listeners = this.#listeners.get(room);
    if (listeners === undefined) return;
    const news = new Announcement('typing', { user });
    for (const listener of listeners) if (listener !== from) listener.typing(news);
  }

  /** Positions in `room` moved: every listener hears them, the readers themselves too (their acknowledgement). */
  reads(room: string, reads: readonly ReadPosition[]): void {
    const listeners = this.#listeners.get(room);
    if (listeners === undefined) return;
    const news = new Announcement('reads', { reads });
    for (const listener of listeners) listener.reads(news);
  }

  /**
   * News of messages may have been missed: every listener re-reads the store from its last id
   * and every waiting long poll checks the store again.
   */
  resync(): void {
    for (const set of this.#listeners.values()) for (const listener of set) listener.resync();
    this.wakeAll();
    debug.hub('resync: %d rooms re-read from the store', this.#listeners.size);
  }

  /** The rooms that have live listeners. */
  rooms(): Iterable<string> {
    return this.#listeners.keys();
  }

  /** Wakes every waiting long poll, for shutdown and resync. */
  wakeAll(): void {
    const all = [...this.#waiters.values()];
    this.#waiters.clear();
    for (const set of all) for (const wake of set) wake();
  }

  listenerCount(room: string): number {
    return this.#listeners.get(room)?.size ?? 0;
  }
}
