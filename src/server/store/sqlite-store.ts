import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_MAX_BYTES, type Message, type MessageInput } from '../../protocol/index.js';
import { makeMessage, withFirstId, type AppendResult, type HistoryPage, type HistoryStore, type StoreLimits } from './history-store.js';
import { RecentMessages } from './recent-messages.js';
import { StoreStartError, TooManyRoomsError, UnavailableError } from '../base/errors.js';
import { ensureDir } from './ensure-dir.js';
import { capPageBytes } from './page-bytes.js';
import { createPrivateFile } from './private-file.js';
import { isBusy, storeFailure } from './sqlite-failures.js';
import { prepareSchema } from './sqlite-schema.js';
import { WriteQueue } from './write-queue.js';

interface Row {
  id: number;
  room: string;
  user: string;
  text: string;
  sent_at: number;
  server_at: number;
  client_id: string | null;
}

/** Messages of each room the cache keeps, at most. */
const RECENT_CAPACITY = 1024;
/** Rooms trimmed in one transaction by `maintain`; the event loop gets a turn between batches. */
const MAINTAIN_BATCH = 200;

/** What an append did to the room besides storing: the first id kept when it trimmed. */
interface Appended {
  readonly result: AppendResult;
  readonly firstKept: number | undefined;
}

function toMessage(row: Row): Message {
  const message: Message = { id: row.id, room: row.room, user: row.user, text: row.text, sentAt: row.sent_at, serverAt: row.server_at };
  return row.client_id === null ? message : { ...message, clientId: row.client_id };
}

/**
 * History in one SQLite file (WAL). A commit survives the process being killed; ids come from a
 * per-room counter row so they are never reused. One server process owns the file; should another
 * lock it meanwhile, the event loop never waits on that lock (see WriteQueue), and a file that
 * cannot serve (locked, full, read-only) fails a request as unavailable, never as a bug.
 */
export class SqliteStore implements HistoryStore {
  readonly epoch: string;
  readonly #db: Database.Database;
  readonly #recent: RecentMessages;
  readonly #writes = new WriteQueue(isBusy);
  /** Rooms keeping at least one message: what `maxRooms` counts. */
  readonly #live: Set<string>;
  readonly #appendTx: Database.Transaction<(room: string, input: MessageInput, serverAt: number) => Appended>;
  readonly #trimTx: Database.Transaction<(rooms: readonly string[], now: number) => [room: string, firstKept: number, lastId: number][]>;
  readonly #selectSince: Database.Statement<[string, number, number], Row>;
  readonly #selectLastId: Database.Statement<[string], { last_id: number }>;
  readonly #selectFirstId: Database.Statement<[string], { first: number | null }>;
  readonly #findByClientId: Database.Statement<[string, string, string], Row>;
  readonly #deleteUpTo: Database.Statement<[string, number]>;
  readonly #deleteOlder: Database.Statement<[{ room: string; cutoff: number; keep: number }]>;

  constructor(
    path: string,
    private readonly limits: StoreLimits = {},
  ) {
    if (path !== ':memory:') {
      try {
        ensureDir(dirname(path));
        createPrivateFile(path);
      } catch (error) {
        throw new StoreStartError(`cannot use the history file ${path}: ${(error as Error).message}`);
      }
    }
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit is durable against the process dying, which is what SIGKILL tests;
    // only a power loss may roll back the last transactions.
    this.#db.pragma('synchronous = NORMAL');
    // Starting, the server may wait a while for a lock someone else holds; serving, it never does.
    this.#db.pragma('busy_timeout = 2000');
    try {
      prepareSchema(this.#db);
      this.epoch = this.#loadEpoch();
      this.#live = new Set(this.#db.prepare<[], string>('SELECT room FROM rooms WHERE EXISTS (SELECT 1 FROM messages WHERE messages.room = rooms.room)').pluck().all());
    } catch (error) {
      this.#db.close();
      throw new StoreStartError(`cannot use the history file ${path}: ${(error as Error).message}`);
    }
    this.#db.pragma('busy_timeout = 0');
    this.#recent = new RecentMessages(Math.min(RECENT_CAPACITY, limits.maxMessages ?? RECENT_CAPACITY));

    const findByClientId = this.#db.prepare<[string, string, string], Row>('SELECT * FROM messages WHERE room = ? AND user = ? AND client_id = ?');
    this.#findByClientId = findByClientId;
    const nextId = this.#db.prepare<[string], { last_id: number }>(
      'INSERT INTO rooms (room, last_id) VALUES (?, 1) ON CONFLICT (room) DO UPDATE SET last_id = last_id + 1 RETURNING last_id',
    );
    const insert = this.#db.prepare('INSERT INTO messages (room, id, user, text, sent_at, server_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#selectSince = this.#db.prepare('SELECT * FROM messages WHERE room = ? AND id > ? ORDER BY id LIMIT ?');
    this.#selectLastId = this.#db.prepare('SELECT last_id FROM rooms WHERE room = ?');
    this.#selectFirstId = this.#db.prepare('SELECT MIN(id) AS first FROM messages WHERE room = ?');
    // Both walk the room's rows from its oldest, by the primary key, and stop at the first one kept:
    // a trim costs what it removes, never a scan of the room.
    this.#deleteUpTo = this.#db.prepare('DELETE FROM messages WHERE room = ? AND id <= ?');
    this.#deleteOlder = this.#db.prepare(
      'DELETE FROM messages WHERE room = @room AND id < COALESCE((SELECT id FROM messages WHERE room = @room AND server_at >= @cutoff ORDER BY id LIMIT 1), @keep)',
    );

    this.#appendTx = this.#db.transaction((room: string, input: MessageInput, serverAt: number): Appended => {
      if (input.clientId !== undefined) {
        const first = findByClientId.get(room, input.user, input.clientId);
        if (first !== undefined) return { result: { message: toMessage(first), duplicate: true }, firstKept: undefined };
      }
      const { last_id: id } = nextId.get(room)!;
      const message = makeMessage(id, room, input, serverAt);
      insert.run(room, id, message.user, message.text, message.sentAt, message.serverAt, message.clientId ?? null);
      return { result: { message, duplicate: false }, firstKept: this.#trimRoom(room, serverAt, id) };
    });
    this.#trimTx = this.#db.transaction((rooms: readonly string[], now: number) => {
      const trimmed: [string, number, number][] = [];
      for (const room of rooms) {
        const lastId = this.#selectLastId.get(room)?.last_id ?? 0;
        const firstKept = this.#trimRoom(room, now, lastId);
        if (firstKept !== undefined) trimmed.push([room, firstKept, lastId]);
      }
      return trimmed;
    });
  }

  /**
   * Trims `room`, whose last id is `lastId`, to the limits; the first id it keeps when anything
   * went (lastId + 1 when all did), undefined when nothing did.
   */
  #trimRoom(room: string, now: number, lastId: number): number | undefined {
    const { maxMessages, maxAgeMs } = this.limits;
    let removed = 0;
    if (maxMessages !== undefined) removed += this.#deleteUpTo.run(room, lastId - maxMessages).changes;
    if (maxAgeMs !== undefined) removed += this.#deleteOlder.run({ room, cutoff: now - maxAgeMs, keep: lastId + 1 }).changes;
    if (removed === 0) return undefined;
    return this.#selectFirstId.get(room)?.first ?? lastId + 1;
  }

  #loadEpoch(): string {
    const row = this.#db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'").get();
    if (row !== undefined) return row.value;
    const epoch = randomUUID();
    this.#db.prepare("INSERT INTO meta (key, value) VALUES ('epoch', ?)").run(epoch);
    return epoch;
  }

  async append(room: string, input: MessageInput, serverAt: number): Promise<AppendResult> {
    try {
      return await this.#writes.run(() => {
        const { maxRooms } = this.limits;
        if (maxRooms !== undefined && !this.#live.has(room) && this.#live.size >= maxRooms) throw new TooManyRoomsError(maxRooms);
        const { result, firstKept } = this.#appendTx.immediate(room, input, serverAt);
        if (result.duplicate) return result;
        this.#live.add(room);
        this.#recent.add(result.message);
        if (firstKept !== undefined) this.#recent.dropBefore(room, firstKept);
        return result;
      });
    } catch (error) {
      throw storeFailure(error);
    }
  }

  async since(room: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): Promise<HistoryPage> {
    // The cache never holds what the file trimmed, so a page it answers has no gap.
    const cached = this.#recent.since(room, afterId, limit, maxBytes);
    if (cached !== undefined) return cached;
    return this.#read(() => {
      const rows = this.#selectSince.all(room, afterId, limit + 1);
      const hasMore = rows.length > limit;
      const page = capPageBytes((hasMore ? rows.slice(0, limit) : rows).map(toMessage), hasMore, maxBytes);
      return withFirstId(page, afterId, rows[0]?.id ?? this.#lastId(room) + 1);
    });
  }

  async lastId(room: string): Promise<number> {
    return this.#read(() => this.#lastId(room));
  }

  async firstId(room: string): Promise<number> {
    return this.#read(() => this.#selectFirstId.get(room)?.first ?? this.#lastId(room) + 1);
  }

  async findByClientId(room: string, user: string, clientId: string): Promise<Message | undefined> {
    const row = this.#read(() => this.#findByClientId.get(room, user, clientId));
    return row === undefined ? undefined : toMessage(row);
  }

  /**
   * Trims every room that keeps history, a batch of rooms per transaction with a turn of the event
   * loop between batches, and forgets the cache of rooms nobody used since the last time.
   */
  async maintain(now: number): Promise<void> {
    this.#recent.sweep();
    if (this.limits.maxMessages === undefined && this.limits.maxAgeMs === undefined) return;
    const rooms = [...this.#live];
    for (let i = 0; i < rooms.length; i += MAINTAIN_BATCH) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      if (!this.#db.open) return;
      const batch = rooms.slice(i, i + MAINTAIN_BATCH);
      let trimmed: [string, number, number][];
      try {
        trimmed = await this.#writes.run(() => this.#trimTx.immediate(batch, now));
      } catch (error) {
        throw storeFailure(error);
      }
      for (const [room, firstKept, lastId] of trimmed) {
        this.#recent.dropBefore(room, firstKept);
        if (firstKept > lastId) this.#live.delete(room);
      }
    }
  }

  #lastId(room: string): number {
    return this.#selectLastId.get(room)?.last_id ?? 0;
  }

  /** A read that fails does so at once, as unavailable when the file cannot serve: a reader asks again anyway. */
  #read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      throw storeFailure(error);
    }
  }

  async close(): Promise<void> {
    this.#writes.abandon(new UnavailableError('the server is shutting down'));
    if (this.#db.open) this.#db.close();
  }
}
