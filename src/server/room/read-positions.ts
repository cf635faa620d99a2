import { MAX_READERS_PER_ROOM, READS_INTERVAL_MS, type ReadPosition } from '../../protocol/index.js';

/** Read positions a server keeps in all, across rooms: past it, the room that moved least lately loses its oldest. */
export const MAX_READ_POSITIONS = 100_000;

/** The bounds and the cadence of read receipts. */
export interface ReadLimits {
  readonly perRoom: number;
  readonly total: number;
  /** Positions that moved in a room are told at most this often, together. */
  readonly intervalMs: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { perRoom: MAX_READERS_PER_ROOM, total: MAX_READ_POSITIONS, intervalMs: READS_INTERVAL_MS };

/**
 * How far each user has read in each room (read receipts), in memory, and the news of positions
 * that moved. A position only moves forward. What is kept is bounded: per room the users whose
 * position moved most lately, in all a fixed number, the rooms that moved least lately losing
 * theirs first. The news is throttled: a room's positions that moved are told together, at most
 * once an interval: the first move in a quiet room at once, what follows within the interval
 * together at its end, by one timer for all rooms, running only while there is news to tell.
 */
export class ReadPositions {
  /** Room → user → id, both in the order they last moved, oldest first. */
  readonly #rooms = new Map<string, Map<string, number>>();
  #size = 0;
  /** Room → user → id moved since the room's news was last told. */
  #moved = new Map<string, Map<string, number>>();
  /** Rooms told within the last interval, and when: news for them waits for the interval's end. */
  readonly #toldAt = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    /** Tells a room the positions that moved (to every instance's listeners). */
    private readonly tell: (room: string, reads: readonly ReadPosition[]) => void,
    private readonly now: () => number,
    private readonly limits: ReadLimits = DEFAULT_READ_LIMITS,
  ) {}

  /**
   * `user` has read `room` up to `id` (one of this server's clients said so): kept, and told to the
   * room within an interval. False when it is not past the position kept.
   */
  note(room: string, user: string, id: number): boolean {
    if (!this.#keep(room, user, id)) return false;
    if (!this.#toldAt.has(room)) {
      this.#toldAt.set(room, this.now());
      this.tell(room, [{ user, id }]);
      this.#arm();
      return true;
    }
    let moved = this.#moved.get(room);
    if (moved === undefined) {
      moved = new Map();
      this.#moved.set(room, moved);
    }
    moved.set(user, id);
    this.#arm();
    return true;
  }

  /** Positions another instance told its rooms: kept, not told again. */
  learn(room: string, reads: readonly ReadPosition[]): void {
    for (const { user, id } of reads) this.#keep(room, user, id);
  }

  /** Every position kept for `room`, the one moved last at the end. */
  list(room: string): ReadPosition[] {
    const users = this.#rooms.get(room);
    return users === undefined ? [] : [...users].map(([user, id]) => ({ user, id }));
  }

  /** How many positions are kept, in all. */
  get size(): number {
    return this.#size;
  }

  /** The history began anew: ids start again from 1, and the positions meant the old ones. */
  clear(): void {
    this.#rooms.clear();
    this.#moved.clear();
    this.#toldAt.clear();
    this.#size = 0;
  }

  /** For shutdown: nothing more is told. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#moved.clear();
    this.#toldAt.clear();
  }

  #keep(room: string, user: string, id: number): boolean {
    let users = this.#rooms.get(room);
    const known = users?.get(user);
    if (known !== undefined && known >= id) return false;
    if (users === undefined) users = new Map();
    // Moved last, kept last: the room and the user go to the end of the order.
    this.#rooms.delete(room);
    this.#rooms.set(room, users);
    if (known !== undefined) users.delete(user);
    else this.#size++;
    users.set(user, id);
    if (users.size > this.limits.perRoom) this.#forgetOldest(room, users);
    while (this.#size > this.limits.total) {
      const [oldestRoom, oldestUsers] = this.#rooms.entries().next().value as [string, Map<string, number>];
      this.#forgetOldest(oldestRoom, oldestUsers);
    }
    return true;
  }

  #forgetOldest(room: string, users: Map<string, number>): void {
    const oldest = users.keys().next().value as string;
    users.delete(oldest);
    this.#size--;
    if (users.size === 0) this.#rooms.delete(room);
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    // Looked at four times an interval, so that news waits at most a quarter more than the interval.
    this.#timer = setInterval(() => this.#flush(), this.limits.intervalMs / 4);
    this.#timer.unref();
  }

  #flush(): void {
    const now = this.now();
    for (const [room, at] of this.#toldAt) {
      if (now - at < this.limits.intervalMs) continue;
      const users = this.#moved.get(room);
      // A room told an interval ago with nothing since is quiet again: its next move is told at once.
      if (users === undefined) {
        this.#toldAt.delete(room);
        continue;
      }
      this.#moved.delete(room);
      this.#toldAt.set(room, now);
      this.tell(room, [...users].map(([user, id]) => ({ user, id })));
    }
    if (this.#toldAt.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}
