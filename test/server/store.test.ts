import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TooManyRoomsError } from '../../src/server/base/errors.js';
import type { HistoryStore, StoreLimits } from '../../src/server/store/history-store.js';
import { MemoryStore } from '../../src/server/store/memory-store.js';
import { RedisStore } from '../../src/server/redis/redis-store.js';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import { describeRedis, redisAvailable, TestRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/server.js';

const opened = new Set<HistoryStore>();
afterEach(async () => {
  await Promise.all([...opened].map((store) => store.close()));
  opened.clear();
});

function track<T extends HistoryStore>(store: T): T {
  opened.add(store);
  return store;
}

const ids = (page: { messages: readonly { id: number }[] }): number[] => page.messages.map((m) => m.id);
/** The bytes of a page's messages as JSON, each on its own. */
const jsonBytes = (page: { messages: readonly unknown[] }): number => page.messages.reduce<number>((sum, m) => sum + Buffer.byteLength(JSON.stringify(m)), 0);

interface Kind {
  readonly name: string;
  readonly open: (limits?: StoreLimits) => Promise<HistoryStore>;
}

let redis: TestRedis | undefined;
if (redisAvailable) beforeAll(async () => void (redis = await TestRedis.start()));
// Each store its own prefix on the one redis-server: a new, empty history, as a new file is.
const openRedis = async (limits?: StoreLimits): Promise<HistoryStore> => track(await RedisStore.open(redis!.url, `test-${randomUUID()}:`, limits));

const kinds: Kind[] = [
  { name: 'MemoryStore', open: async (limits) => track(new MemoryStore(limits)) },
  { name: 'SqliteStore', open: async (limits) => track(new SqliteStore(join(tempDir(), 'history.db'), limits)) },
  ...(redisAvailable ? [{ name: 'RedisStore', open: openRedis }] : []),
];
// Says how to install redis-server where it is missing (and fails under CI=true).
if (!redisAvailable) describeRedis('RedisStore (HistoryStore contract)', () => {});

describe.each(kinds)('$name (HistoryStore contract)', ({ open }) => {
  it('numbers messages 1, 2, 3 per room and keeps rooms apart', async () => {
    const store = await open();
    expect(await store.lastId('a')).toBe(0);
    const got: [string, number][] = [];
    for (const room of ['a', 'a', 'b', 'a', 'b']) got.push([room, (await store.append(room, { user: 'u', text: room }, 1)).message.id]);
    expect(got).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 1],
      ['a', 3],
      ['b', 2],
    ]);
    expect(await store.lastId('a')).toBe(3);
    expect(await store.lastId('b')).toBe(2);
    expect(ids(await store.since('b', 0, 10))).toEqual([1, 2]);
    expect((await store.since('b', 0, 10)).messages.every((m) => m.room === 'b')).toBe(true);
  });

  it('stores the message as given, sentAt defaulting to serverAt and no clientId key when absent', async () => {
    const store = await open();
    const a = await store.append('r', { user: 'alice', text: 'hé 🌍', sentAt: 5, clientId: 'c1' }, 100);
    expect(a).toEqual({ duplicate: false, message: { id: 1, room: 'r', user: 'alice', text: 'hé 🌍', sentAt: 5, serverAt: 100, clientId: 'c1' } });
    const b = await store.append('r', { user: 'bob', text: 'plain' }, 200);
    expect(b.message).toEqual({ id: 2, room: 'r', user: 'bob', text: 'plain', sentAt: 200, serverAt: 200 });
    expect('clientId' in b.message).toBe(false);
    // A sender's clock with a fraction of a millisecond comes back exactly as it went in.
    const c = await store.append('r', { user: 'carol', text: 'fine', sentAt: 1_795_330_242_022.375 }, 300);
    expect(c.message.sentAt).toBe(1_795_330_242_022.375);
    expect((await store.since('r', 0, 10)).messages).toEqual([a.message, b.message, c.message]);
  });

  it('answers a repeated clientId with the first message, duplicate=true, storing nothing', async () => {
    const store = await open();
    const first = await store.append('r', { user: 'alice', text: 'first', clientId: 'k' }, 100);
    const again = await store.append('r', { user: 'alice', text: 'second', clientId: 'k', sentAt: 7 }, 200);
    expect(again).toEqual({ message: first.message, duplicate: true });
    expect(await store.lastId('r')).toBe(1);
    // The same key in another room is another message; the next id is not burnt by the duplicate.
    expect((await store.append('s', { user: 'alice', text: 'other room', clientId: 'k' }, 300)).duplicate).toBe(false);
    expect((await store.append('r', { user: 'alice', text: 'next' }, 400)).message.id).toBe(2);
  });

  it('finds a message by its clientId, per room and user', async () => {
    const store = await open();
    const first = await store.append('r', { user: 'alice', text: 'first', clientId: 'k' }, 100);
    expect(await store.findByClientId('r', 'alice', 'k')).toEqual(first.message);
    expect(await store.findByClientId('s', 'alice', 'k')).toBeUndefined();
    expect(await store.findByClientId('r', 'bob', 'k')).toBeUndefined();
    expect(await store.findByClientId('r', 'alice', 'other')).toBeUndefined();
  });

  it("keys idempotency on (room, user, clientId): a key another user took first does not swallow this user's message", async () => {
    const store = await open();
    const mallory = await store.append('r', { user: 'mallory', text: 'first', clientId: 'c-1' }, 100);
    const alice = await store.append('r', { user: 'alice', text: 'mine', clientId: 'c-1' }, 200);
    expect(alice.duplicate).toBe(false);
    expect(alice.message).toMatchObject({ id: 2, user: 'alice', text: 'mine', clientId: 'c-1' });
    // Each user's retry is answered with that user's own first message.
    expect(await store.append('r', { user: 'alice', text: 'mine again', clientId: 'c-1' }, 300)).toEqual({ message: alice.message, duplicate: true });
    expect(await store.append('r', { user: 'mallory', text: 'again', clientId: 'c-1' }, 400)).toEqual({ message: mallory.message, duplicate: true });
    expect(await store.findByClientId('r', 'mallory', 'c-1')).toEqual(mallory.message);
    expect((await store.since('r', 0, 10)).messages.map((m) => m.text)).toEqual(['first', 'mine']);
  });

  it('pages with since and limit, saying hasMore when it cut', async () => {
    const store = await open();
    for (let i = 1; i <= 7; i++) await store.append('r', { user: 'u', text: `m${i}` }, i);
    const first = await store.since('r', 0, 3);
    expect(ids(first)).toEqual([1, 2, 3]);
    expect(first.hasMore).toBe(true);
    expect(ids(await store.since('r', 3, 3))).toEqual([4, 5, 6]);
    const last = await store.since('r', 6, 3);
    expect(ids(last)).toEqual([7]);
    expect(last.hasMore).toBe(false);
    const exact = await store.since('r', 4, 3);
    expect(ids(exact)).toEqual([5, 6, 7]);
    expect(exact.hasMore).toBe(false);
    expect(await store.since('r', 7, 3)).toEqual({ messages: [], hasMore: false });
    expect(await store.since('r', 100, 3)).toEqual({ messages: [], hasMore: false });
    expect(await store.since('nowhere', 0, 3)).toEqual({ messages: [], hasMore: false });
    expect((await store.since('r', 0, 500)).messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('cuts a page by the bytes of its JSON as well as by count, never below one message', async () => {
    const store = await open();
    // JSON escapes each of these to six bytes: about 6 KB a message, for 1,000 characters.
    const text = '\u0001'.repeat(1000);
    for (let i = 1; i <= 10; i++) await store.append('r', { user: 'u', text, clientId: `c${i}` }, i);
    const size = Buffer.byteLength(JSON.stringify((await store.since('r', 0, 1)).messages[0]));
    expect(size).toBeGreaterThan(6000);
    const page = await store.since('r', 0, 500, 3 * size + 100);
    expect(ids(page)).toEqual([1, 2, 3]);
    expect(page.hasMore).toBe(true);
    expect(jsonBytes(page)).toBeLessThanOrEqual(3 * size + 100);
    // One message over the cap still makes a page: the reader must be able to go on.
    expect(await store.since('r', 4, 500, 10)).toMatchObject({ messages: [{ id: 5 }], hasMore: true });
    // A count that cuts first still says so.
    expect(await store.since('r', 0, 2, 10 * size)).toMatchObject({ messages: [{ id: 1 }, { id: 2 }], hasMore: true });
    // Page after page under the byte cap, everything comes, in order, once.
    const seen: number[] = [];
    for (let after = 0, more = true; more; ) {
      const next = await store.since('r', after, 500, 2 * size + 100);
      expect(next.messages.length).toBeGreaterThan(0);
      seen.push(...ids(next));
      after = seen.at(-1)!;
      more = next.hasMore;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The default cap leaves room for pages of 500 ordinary messages.
    expect(ids(await store.since('r', 0, 500))).toHaveLength(10);
  });

  it('keeps at most maxMessages a room, says where what is kept begins, and forgets the keys of what it trimmed', async () => {
    const store = await open({ maxMessages: 3 });
    for (let i = 1; i <= 5; i++) await store.append('r', { user: 'u', text: `m${i}`, clientId: `k${i}` }, i);
    await store.append('s', { user: 'u', text: 'elsewhere' }, 9);
    expect(await store.since('r', 0, 10)).toEqual({ messages: expect.any(Array), hasMore: false, firstId: 3 });
    expect(ids(await store.since('r', 0, 10))).toEqual([3, 4, 5]);
    expect((await store.since('r', 1, 10)).firstId).toBe(3);
    // Resuming right before what is kept, or after, misses nothing: no firstId.
    expect(await store.since('r', 2, 10)).not.toHaveProperty('firstId');
    expect(await store.since('r', 3, 10)).not.toHaveProperty('firstId');
    expect(await store.since('r', 5, 10)).toEqual({ messages: [], hasMore: false });
    expect(await store.firstId('r')).toBe(3);
    expect(await store.lastId('r')).toBe(5);
    expect(ids(await store.since('s', 0, 10))).toEqual([1]);
    expect(await store.firstId('s')).toBe(1);
    expect(await store.firstId('nowhere')).toBe(1);
    expect(await store.since('nowhere', 0, 10)).toEqual({ messages: [], hasMore: false });
    // A kept message's key still answers its retry; a trimmed one's went with it.
    expect((await store.append('r', { user: 'u', text: 'm5 again', clientId: 'k5' }, 10)).duplicate).toBe(true);
    expect(await store.findByClientId('r', 'u', 'k1')).toBeUndefined();
    const again = await store.append('r', { user: 'u', text: 'm1 again', clientId: 'k1' }, 11);
    expect(again).toMatchObject({ duplicate: false, message: { id: 6 } });
    expect(ids(await store.since('r', 0, 10))).toEqual([4, 5, 6]);
  });

  it('forgets messages older than maxAgeMs, as it appends and when maintained, and never reuses their ids', async () => {
    const store = await open({ maxAgeMs: 1000 });
    for (const at of [0, 500, 1000]) await store.append('r', { user: 'u', text: `at ${at}` }, at);
    await store.append('r', { user: 'u', text: 'at 1800' }, 1800);
    expect(await store.since('r', 0, 10)).toMatchObject({ messages: [{ id: 3 }, { id: 4 }], firstId: 3 });
    // A room nobody writes to is trimmed by maintenance; everything in it may go.
    await store.maintain(5000);
    expect(await store.since('r', 0, 10)).toEqual({ messages: [], hasMore: false, firstId: 5 });
    expect(await store.since('r', 4, 10)).toEqual({ messages: [], hasMore: false });
    expect(await store.firstId('r')).toBe(5);
    expect(await store.lastId('r')).toBe(4);
    expect((await store.append('r', { user: 'u', text: 'later' }, 5000)).message.id).toBe(5);
  });

  it('refuses a new room past maxRooms, counting rooms that keep history', async () => {
    const store = await open({ maxRooms: 2, maxAgeMs: 1000 });
    await store.append('a', { user: 'u', text: 'a' }, 0);
    await store.append('b', { user: 'u', text: 'b' }, 0);
    await expect(store.append('c', { user: 'u', text: 'c' }, 10)).rejects.toBeInstanceOf(TooManyRoomsError);
    expect(await store.lastId('c')).toBe(0);
    expect((await store.append('a', { user: 'u', text: 'a again' }, 10)).message.id).toBe(2);
    // Rooms whose history all went no longer count.
    await store.maintain(5000);
    expect((await store.append('c', { user: 'u', text: 'c at last' }, 5000)).message.id).toBe(1);
  });

  it('has an epoch that differs between two new stores', async () => {
    const one = await open();
    const two = await open();
    expect(one.epoch).toMatch(/\S/);
    expect(one.epoch).not.toBe(two.epoch);
  });
});

describe('SqliteStore across reopening', () => {
  it('keeps the epoch for the same file and makes a new one for a new file', async () => {
    const dir = tempDir();
    const path = join(dir, 'history.db');
    const first = track(new SqliteStore(path));
    const epoch = first.epoch;
    await first.close();
    const reopened = track(new SqliteStore(path));
    expect(reopened.epoch).toBe(epoch);
    const other = track(new SqliteStore(join(dir, 'other.db')));
    expect(other.epoch).not.toBe(epoch);
  });

  it('creates missing parent directories', async () => {
    const store = track(new SqliteStore(join(tempDir(), 'a', 'b', 'history.db')));
    expect((await store.append('r', { user: 'u', text: 't' }, 1)).message.id).toBe(1);
  });

  it('keeps messages, keeps ids increasing and dedupe working after a reopen', async () => {
    const path = join(tempDir(), 'history.db');
    const first = track(new SqliteStore(path));
    const kept = await first.append('r', { user: 'alice', text: 'one', clientId: 'k1' }, 10);
    await first.append('r', { user: 'alice', text: 'two' }, 20);
    await first.append('s', { user: 'bob', text: 'elsewhere' }, 30);
    await first.close();

    const second = track(new SqliteStore(path));
    expect(await second.lastId('r')).toBe(2);
    expect((await second.since('r', 0, 10)).messages.map((m) => m.text)).toEqual(['one', 'two']);
    expect(await second.append('r', { user: 'alice', text: 'one again', clientId: 'k1' }, 40)).toEqual({ message: kept.message, duplicate: true });
    const three = await second.append('r', { user: 'alice', text: 'three' }, 50);
    expect(three.message.id).toBe(3);
    expect((await second.append('s', { user: 'bob', text: 'more' }, 60)).message.id).toBe(2);

    // Pages reaching back before this process's first append come whole from the file.
    const all = await second.since('r', 0, 10);
    expect(ids(all)).toEqual([1, 2, 3]);
    expect(all.hasMore).toBe(false);
    const cut = await second.since('r', 1, 1);
    expect(ids(cut)).toEqual([2]);
    expect(cut.hasMore).toBe(true);
    await second.close();

    const third = track(new SqliteStore(path));
    expect(ids(await third.since('r', 0, 10))).toEqual([1, 2, 3]);
    expect((await third.append('r', { user: 'alice', text: 'four' }, 70)).message.id).toBe(4);
  });

  it('never reuses an id, even when the newest messages are gone from the table', async () => {
    const path = join(tempDir(), 'history.db');
    const store = track(new SqliteStore(path));
    for (let i = 0; i < 3; i++) await store.append('r', { user: 'u', text: `m${i}` }, i);
    await store.close();
    // Simulate history trimmed by an operator: the id counter is separate from the rows.
    const db = new Database(path);
    db.prepare('DELETE FROM messages WHERE room = ? AND id > 1').run('r');
    db.close();
    const reopened = track(new SqliteStore(path));
    expect((await reopened.append('r', { user: 'u', text: 'after trim' }, 9)).message.id).toBe(4);
  });

  it('migrates a file whose clientIds were unique per room to keys per user, keeping its history and epoch', async () => {
    const path = join(tempDir(), 'history.db');
    // A file as termchat wrote it before idempotency keys named the user.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE rooms (room TEXT PRIMARY KEY, last_id INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE messages (room TEXT NOT NULL, id INTEGER NOT NULL, user TEXT NOT NULL, text TEXT NOT NULL, sent_at INTEGER NOT NULL,
        server_at INTEGER NOT NULL, client_id TEXT, PRIMARY KEY (room, id)) WITHOUT ROWID;
      CREATE UNIQUE INDEX messages_client_id ON messages (room, client_id) WHERE client_id IS NOT NULL;
      INSERT INTO meta VALUES ('epoch', 'epoch-of-old');
      INSERT INTO rooms VALUES ('r', 2);
      INSERT INTO messages VALUES ('r', 1, 'mallory', 'old one', 1, 10, 'c-1'), ('r', 2, 'bob', 'old two', 2, 20, NULL);
    `);
    old.close();

    const store = track(new SqliteStore(path));
    expect(store.epoch).toBe('epoch-of-old');
    expect((await store.since('r', 0, 10)).messages.map((m) => m.text)).toEqual(['old one', 'old two']);
    const alice = await store.append('r', { user: 'alice', text: 'new', clientId: 'c-1' }, 30);
    expect(alice).toMatchObject({ duplicate: false, message: { id: 3, user: 'alice', text: 'new' } });
    expect((await store.append('r', { user: 'mallory', text: 'retry', clientId: 'c-1' }, 40)).message.text).toBe('old one');
    await store.close();

    // Opening the migrated file again changes nothing.
    const again = track(new SqliteStore(path));
    expect((await again.since('r', 0, 10)).messages.map((m) => m.text)).toEqual(['old one', 'old two', 'new']);
    expect((await again.append('r', { user: 'alice', text: 'retry', clientId: 'c-1' }, 50)).message).toEqual(alice.message);
  });

  it('cuts pages read from the file by bytes too', async () => {
    const path = join(tempDir(), 'history.db');
    const first = track(new SqliteStore(path));
    for (let i = 1; i <= 6; i++) await first.append('r', { user: 'u', text: '"'.repeat(2000) }, i);
    await first.close();
    const store = track(new SqliteStore(path));
    const size = Buffer.byteLength(JSON.stringify((await store.since('r', 0, 1)).messages[0]));
    const page = await store.since('r', 1, 500, 2 * size);
    expect(ids(page)).toEqual([2, 3]);
    expect(page.hasMore).toBe(true);
  });

  it('applies a bound set later to the history a file already holds, and counts its rooms', async () => {
    const path = join(tempDir(), 'history.db');
    const first = track(new SqliteStore(path));
    for (let i = 1; i <= 10; i++) await first.append('r', { user: 'u', text: `m${i}` }, i);
    await first.append('s', { user: 'u', text: 'elsewhere' }, 1);
    await first.close();
    const store = track(new SqliteStore(path, { maxMessages: 3, maxRooms: 2 }));
    await store.maintain(100);
    expect(await store.since('r', 0, 10)).toMatchObject({ messages: [{ id: 8 }, { id: 9 }, { id: 10 }], firstId: 8 });
    await expect(store.append('t', { user: 'u', text: 'a third room' }, 100)).rejects.toBeInstanceOf(TooManyRoomsError);
  });

  it('pages from the file and its cache alike while appending', async () => {
    const store = track(new SqliteStore(join(tempDir(), 'history.db')));
    const seen: number[] = [];
    let after = 0;
    for (let i = 1; i <= 25; i++) {
      await store.append('r', { user: 'u', text: `m${i}` }, i);
      if (i % 4 === 0) {
        const page = await store.since('r', after, 3);
        seen.push(...ids(page));
        after = seen.at(-1) ?? after;
      }
    }
    for (;;) {
      const page = await store.since('r', after, 3);
      seen.push(...ids(page));
      after = seen.at(-1) ?? after;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});
