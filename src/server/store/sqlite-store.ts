import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_MAX_BYTES, type Message, type MessageInput } from '../../protocol/index.js';
import { makeMessage, type AppendResult, type HistoryPage, type HistoryStore } from './history-store.js';
import { RecentMessages } from './recent-messages.js';
import { StoreStartError, UnavailableError } from '../base/errors.js';
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
  readonly #recent = new RecentMessages();
  readonly #writes = new WriteQueue(isBusy);
  readonly #appendTx: Database.Transaction<(room: string, input: MessageInput, serverAt: number) => AppendResult>;
  readonly #selectSince: Database.Statement<[string, number, number], Row>;
  readonly #selectLastId: Database.Statement<[string], { last_id: number }>;
  readonly #findByClientId: Database.Statement<[string, string, string], Row>;

  constructor(path: string) {
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
    } catch (error) {
      this.#db.close();
      throw new StoreStartError(`cannot use the history file ${path}: ${(error as Error).message}`);
    }
    this.#db.pragma('busy_timeout = 0');

    const findByClientId = this.#db.prepare<[string, string, string], Row>('SELECT * FROM messages WHERE room = ? AND user = ? AND client_id = ?');
    this.#findByClientId = findByClientId;
    const nextId = this.#db.prepare<[string], { last_id: number }>(
      'INSERT INTO rooms (room, last_id) VALUES (?, 1) ON CONFLICT (room) DO UPDATE SET last_id = last_id + 1 RETURNING last_id',
    );
    const insert = this.#db.prepare('INSERT INTO messages (room, id, user, text, sent_at, server_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#selectSince = this.#db.prepare('SELECT * FROM messages WHERE room = ? AND id > ? ORDER BY id LIMIT ?');
    this.#selectLastId = this.#db.prepare('SELECT last_id FROM rooms WHERE room = ?');

    this.#appendTx = this.#db.transaction((room: string, input: MessageInput, serverAt: number): AppendResult => {
      if (input.clientId !== undefined) {
        const first = findByClientId.get(room, input.user, input.clientId);
        if (first !== undefined) return { message: toMessage(first), duplicate: true };
      }
      const { last_id: id } = nextId.get(room)!;
      const message = makeMessage(id, room, input, serverAt);
      insert.run(room, id, message.user, message.text, message.sentAt, message.serverAt, message.clientId ?? null);
      return { message, duplicate: false };
    });
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
        const result = this.#appendTx.immediate(room, input, serverAt);
        if (!result.duplicate) this.#recent.add(result.message);
        return result;
      });
    } catch (error) {
      throw storeFailure(error);
    }
  }

  async since(room: string, afterId: number, limit: number, maxBytes = PAGE_MAX_BYTES): Promise<HistoryPage> {
    const cached = this.#recent.since(room, afterId, limit, maxBytes);
    if (cached !== undefined) return cached;
    const rows = this.#read(() => this.#selectSince.all(room, afterId, limit + 1));
    const hasMore = rows.length > limit;
    return capPageBytes((hasMore ? rows.slice(0, limit) : rows).map(toMessage), hasMore, maxBytes);
  }

  async lastId(room: string): Promise<number> {
    return this.#read(() => this.#selectLastId.get(room)?.last_id ?? 0);
  }

  async findByClientId(room: string, user: string, clientId: string): Promise<Message | undefined> {
    const row = this.#read(() => this.#findByClientId.get(room, user, clientId));
    return row === undefined ? undefined : toMessage(row);
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
