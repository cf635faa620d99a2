import { byUserThenTransport, type OnlineEntry, type PresenceEvent, type TransportKind } from '../../protocol/index.js';

interface Entry {
  readonly room: string;
  readonly user: string;
  readonly transport: TransportKind;
  /** Open connections (WebSocket, SSE) holding the entry online. */
  refs: number;
  /** Pollers hold the entry online until this time. */
  leaseUntil: number;
}

/** One connection's hold on its presence entry. Releasing it more than once is harmless. */
export interface PresenceHold {
  release(): void;
}

/** Who is online in each room: what the transports, `welcome` and GET /presence use. */
export interface Presence {
  /** Holds `user` online in `room` until the returned hold is released. */
  connect(room: string, user: string, transport: TransportKind): PresenceHold;
  /** Holds `user` online in `room` for `ttlMs` more. */
  touch(room: string, user: string, transport: TransportKind, ttlMs: number): void;
  /** Lets expired leases go (and, shared, catches up with other instances); called every second while `expiring`. */
  sweep(): void;
  /** Whether `sweep` has anything to do: a lease that will run out, or other instances to follow. */
  readonly expiring: boolean;
  /** Everyone online in `room`, sorted by user then transport. */
  list(room: string): OnlineEntry[];
  /** Brings `list(room)` up to date with the other instances, if any; call before a `welcome`. */
  refresh(room: string): Promise<void>;
}

/**
 * Who is online in each room of this process, as `{user, transport}` entries. Streams count while open; pollers
 * count while they keep polling (a lease each request renews). Emits join when an entry appears
 * and leave when it goes.
 */
export class PresenceTracker implements Presence {
  readonly #rooms = new Map<string, Map<string, Entry>>();
  /** Entries a poller's lease holds, the only ones that can expire: streams leave by releasing. */
  readonly #leased = new Set<Entry>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: (room: string, event: PresenceEvent) => void,
  ) {}

  /** One function for every hold to call back through, rather than a closure per connection. */
  readonly #settleOne = (entry: Entry): void => this.#settle(entry);

  /** Holds `user` online in `room` until the returned hold is released. */
  connect(room: string, user: string, transport: TransportKind): PresenceHold {
    const { entry, created } = this.#entry(room, user, transport);
    entry.refs++;
    if (created) this.#emit(room, 'join', entry);
    return new Hold(entry, this.#settleOne);
  }

  /** Holds `user` online in `room` for `ttlMs` more. */
  touch(room: string, user: string, transport: TransportKind, ttlMs: number): void {
    const { entry, created } = this.#entry(room, user, transport);
    entry.leaseUntil = Math.max(entry.leaseUntil, this.now() + ttlMs);
    this.#leased.add(entry);
    if (created) this.#emit(room, 'join', entry);
  }

  /** Lets expired poller leases go. */
  sweep(): void {
    const now = this.now();
    for (const entry of this.#leased) {
      if (entry.leaseUntil > now) continue;
      this.#leased.delete(entry);
      this.#settle(entry);
    }
  }

  get expiring(): boolean {
    return this.#leased.size > 0;
  }

  /** Alone, this process knows everything already. */
  refresh(): Promise<void> {
    return Promise.resolve();
  }

  list(room: string): OnlineEntry[] {
    const entries = this.#rooms.get(room);
    if (entries === undefined) return [];
    const online: OnlineEntry[] = [];
    for (const entry of entries.values()) if (this.#isOnline(entry)) online.push({ user: entry.user, transport: entry.transport });
    return online.sort(byUserThenTransport);
  }

  /**
   * The entries of `room` whose join was told and whose leave was not yet: the `online` of a
   * presence event, which a client keeping the list from the events also counts. O(1), so that a
   * room's joins do not cost the square of its size.
   */
  count(room: string): number {
    return this.#rooms.get(room)?.size ?? 0;
  }

  /** Whether `user` on `transport` has an entry in `room` (its join told, its leave not yet). */
  has(room: string, user: string, transport: TransportKind): boolean {
    return this.#rooms.get(room)?.has(`${transport}\u0000${user}`) ?? false;
  }

  /**
   * The entry of `user` on `transport`, and whether it was just created. An entry stays in the map
   * from its join until its leave was told, even after its lease ran out and before the sweep
   * noticed; a poller coming back in that gap is no new join, so joins and leaves alternate.
   */
  #entry(room: string, user: string, transport: TransportKind): { entry: Entry; created: boolean } {
    let entries = this.#rooms.get(room);
    if (entries === undefined) {
      entries = new Map();
      this.#rooms.set(room, entries);
    }
    const key = `${transport}\u0000${user}`;
    const found = entries.get(key);
    if (found !== undefined) return { entry: found, created: false };
    const entry: Entry = { room, user, transport, refs: 0, leaseUntil: 0 };
    entries.set(key, entry);
    return { entry, created: true };
  }

  #isOnline(entry: Entry): boolean {
    return entry.refs > 0 || entry.leaseUntil > this.now();
  }

  /** Removes an entry that is no longer online, telling the room. */
  #settle(entry: Entry): void {
    if (this.#isOnline(entry)) return;
    const { room } = entry;
    const entries = this.#rooms.get(room);
    const key = `${entry.transport}\u0000${entry.user}`;
    if (entries?.get(key) !== entry) return;
    entries.delete(key);
    if (entries.size === 0) this.#rooms.delete(room);
    this.#emit(room, 'leave', entry);
  }

  #emit(room: string, event: 'join' | 'leave', entry: Entry): void {
    this.onChange(room, { event, user: entry.user, transport: entry.transport, online: this.count(room) });
  }
}

/** A reference on an entry, counted in `refs` until released. */
class Hold implements PresenceHold {
  #released = false;

  constructor(
    private readonly entry: Entry,
    private readonly settle: (entry: Entry) => void,
  ) {}

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.entry.refs--;
    this.settle(this.entry);
  }
}
