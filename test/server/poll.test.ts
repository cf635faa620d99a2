import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/index.js';
import { getMessages, postMessage } from '../helpers/http.js';
import { NO_SEND_LIMITS, startTestServer, tempDir } from '../helpers/server.js';

describe('POST /messages', () => {
  it('answers 201 with the stored message and the epoch, ids counting from 1', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    const first = await postMessage(server.url, { user: 'alice', text: 'hello', sentAt: 1_600_000_000_000 });
    expect(first.status).toBe(201);
    expect(first.body.epoch).toBe(server.store.epoch);
    expect(first.body.message).toEqual({ id: 1, room: 'lobby', user: 'alice', text: 'hello', sentAt: 1_600_000_000_000, serverAt: clock });

    clock += 5;
    const second = await postMessage(server.url, { user: 'bob', text: 'hi' });
    expect(second.status).toBe(201);
    // sentAt defaults to serverAt, and no clientId key appears when none was sent.
    expect(second.body.message).toEqual({ id: 2, room: 'lobby', user: 'bob', text: 'hi', sentAt: clock, serverAt: clock });
  });

  it('keeps ids per room: each room counts from 1', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const ids: Record<string, number[]> = { a: [], b: [] };
    for (const room of ['a', 'b', 'a', 'a', 'b'] as const) {
      ids[room]!.push((await postMessage(server.url, { user: 'u', text: room }, room)).body.message.id);
    }
    expect(ids).toEqual({ a: [1, 2, 3], b: [1, 2] });
    const a = await getMessages(server.url, 'room=a');
    expect(a.messages.map((m) => m.text)).toEqual(['a', 'a', 'a']);
    expect(a.messages.every((m) => m.room === 'a')).toBe(true);
  });

  it('answers a repeated clientId with 200 and the first message, storing nothing new', async () => {
    const server = await startTestServer();
    const first = await postMessage(server.url, { user: 'alice', text: 'once', clientId: 'c-1', sentAt: 1000 });
    expect(first.status).toBe(201);
    expect(first.body.message.clientId).toBe('c-1');
    const again = await postMessage(server.url, { user: 'alice', text: 'twice?', clientId: 'c-1', sentAt: 2000 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // The same clientId in another room is another message.
    const other = await postMessage(server.url, { user: 'alice', text: 'elsewhere', clientId: 'c-1' }, 'other');
    expect(other.status).toBe(201);

    const page = await getMessages(server.url, 'room=lobby');
    expect(page.messages).toEqual([first.body.message]);
  });

  it('keeps text exactly, multi-byte characters included', async () => {
    const server = await startTestServer();
    const text = 'héllo 🌍 — 日本語\nsecond line "quoted" \\ back';
    const posted = await postMessage(server.url, { user: 'Zoë 🐙', text });
    expect(posted.body.message.text).toBe(text);
    const page = await getMessages(server.url, 'since=0');
    expect(page.messages[0]!.text).toBe(text);
    expect(page.messages[0]!.user).toBe('Zoë 🐙');
  });
});

describe('GET /messages (short poll)', () => {
  it('answers an empty room at once with no messages, the epoch and hasMore false', async () => {
    const server = await startTestServer();
    const started = performance.now();
    const page = await getMessages(server.url, 'room=empty');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(page).toEqual({ messages: [], epoch: server.store.epoch, hasMore: false });
  });

  it('returns the messages after since, oldest first', async () => {
    const server = await startTestServer();
    for (const text of ['one', 'two', 'three', 'four']) await postMessage(server.url, { user: 'alice', text });
    const all = await getMessages(server.url, 'room=lobby');
    expect(all.messages.map((m) => [m.id, m.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
    ]);
    const after2 = await getMessages(server.url, 'room=lobby&since=2');
    expect(after2.messages.map((m) => m.id)).toEqual([3, 4]);
    expect(after2.hasMore).toBe(false);
    const none = await getMessages(server.url, 'room=lobby&since=4');
    expect(none.messages).toEqual([]);
    const ahead = await getMessages(server.url, 'room=lobby&since=99');
    expect(ahead.messages).toEqual([]);
  });

  it('answers at most 500 messages and says hasMore when it cut', async () => {
    const server = await startTestServer();
    for (let i = 1; i <= 501; i++) await server.store.append('big', { user: 'u', text: `m${i}` }, i);
    const first = await getMessages(server.url, 'room=big&since=0');
    expect(first.messages).toHaveLength(500);
    expect(first.messages[0]!.id).toBe(1);
    expect(first.messages[499]!.id).toBe(500);
    expect(first.hasMore).toBe(true);
    const rest = await getMessages(server.url, 'room=big&since=500');
    expect(rest.messages.map((m: Message) => m.id)).toEqual([501]);
    expect(rest.hasMore).toBe(false);
    const exact = await getMessages(server.url, 'room=big&since=1');
    expect(exact.messages).toHaveLength(500);
    expect(exact.hasMore).toBe(false);
  });

  it('keeps history, ids and the epoch across a restart on the same SQLite file', async () => {
    const db = join(tempDir(), 'history.db');
    const before = await startTestServer({ db });
    const posted = await postMessage(before.url, { user: 'alice', text: 'durable', clientId: 'k1' });
    await postMessage(before.url, { user: 'alice', text: 'two' });
    await before.close();

    const after = await startTestServer({ db });
    const page = await getMessages(after.url, 'since=0');
    expect(page.epoch).toBe(posted.body.epoch);
    expect(page.messages.map((m) => m.text)).toEqual(['durable', 'two']);
    const next = await postMessage(after.url, { user: 'alice', text: 'three' });
    expect(next.body.message.id).toBe(3);
    const replay = await postMessage(after.url, { user: 'alice', text: 'durable again', clientId: 'k1' });
    expect(replay.status).toBe(200);
    expect(replay.body.message).toEqual(posted.body.message);
  });
});
