import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GetMessagesResponse } from '../../src/protocol/index.js';
import type { ServerOptions } from '../../src/server/base/options.js';
import { errorBody, http, postMessage } from '../helpers/http.js';
import { redisAvailable, redisCommand, TestRedis } from '../helpers/redis.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { openSse } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

let redis: TestRedis | undefined;
if (redisAvailable) {
  beforeAll(async () => void (redis = await TestRedis.start()));
  // Every server on it shares the one history; each test starts from an empty one.
  beforeEach(async () => void (await redisCommand(redis!.port, 'FLUSHALL')));
}

const backends: { readonly name: string; readonly options: () => Partial<ServerOptions> }[] = [
  { name: 'memory', options: () => ({}) },
  { name: 'SQLite', options: () => ({ db: join(tempDir(), 'history.db') }) },
  ...(redisAvailable ? [{ name: 'Redis', options: () => ({ redis: redis!.url }) }] : []),
];

const json = (body: object) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const roomName = () => `r${Math.random().toString(36).slice(2, 10)}`;

async function page(url: string, room: string, query: string): Promise<GetMessagesResponse> {
  const answer = await http(`${url}/messages?room=${room}&${query}`);
  expect(answer.status).toBe(200);
  return JSON.parse(answer.text) as GetMessagesResponse;
}

describe.each(backends)('history kept per room ($name)', ({ options }) => {
  it('keeps --history messages, and tells a client resuming from before them where what is kept begins, on every transport', async () => {
    const server = await startTestServer({ ...options(), rate: undefined, history: 3 });
    const room = roomName();
    for (let i = 1; i <= 5; i++) await postMessage(server.url, { user: 'u', text: `m${i}` }, room);

    const polled = await page(server.url, room, 'since=0');
    expect(polled.messages.map((m) => m.id)).toEqual([3, 4, 5]);
    expect(polled.firstId).toBe(3);
    expect(await page(server.url, room, 'since=2')).not.toHaveProperty('firstId');
    expect((await page(server.url, room, 'since=1&wait=5000')).firstId).toBe(3);

    const ws = await TestClient.join(wsUrl(server.url, { room, user: 'late', since: 0 }));
    expect(ws.of('welcome')[0]).toMatchObject({ lastId: 5, firstId: 3 });
    await ws.until(() => ws.messages().length === 3, 'the backlog');
    expect(ws.messages().map((m) => m.id)).toEqual([3, 4, 5]);
    const upToDate = await TestClient.join(wsUrl(server.url, { room, user: 'current', since: 4 }));
    expect(upToDate.of('welcome')[0]).not.toHaveProperty('firstId');

    const sse = await openSse(`${server.url}/events?room=${room}&since=1`);
    expect(await sse.event('welcome')).toMatchObject({ lastId: 5, firstId: 3 });
  });

  it('refuses a send that would make one room more than --max-rooms with 429 too_many_rooms, over HTTP and WebSocket', async () => {
    const server = await startTestServer({ ...options(), rate: undefined, maxRooms: 2 });
    const [a, b, c] = [roomName(), roomName(), roomName()];
    await postMessage(server.url, { user: 'u', text: 'a' }, a);
    await postMessage(server.url, { user: 'u', text: 'b' }, b);
    const refused = await http(`${server.url}/messages?room=${c}`, json({ user: 'u', text: 'c', clientId: 'c-1' }));
    expect(refused.status).toBe(429);
    expect(errorBody(refused).code).toBe('too_many_rooms');
    expect(errorBody(refused).error).toMatch(/2 rooms/);
    // Waiting will not help, so no Retry-After.
    expect(refused.headers['retry-after']).toBeUndefined();
    // Reading a room that does not exist makes none.
    expect((await page(server.url, c, 'since=0')).messages).toEqual([]);
    const ws = await TestClient.join(wsUrl(server.url, { room: c, user: 'u' }));
    ws.send({ type: 'send', text: 'c over ws', clientId: 'w-1' });
    const error = await ws.waitForType('error', (f) => f.clientId === 'w-1');
    expect(error).toMatchObject({ code: 'too_many_rooms' });
    expect(error).not.toHaveProperty('retryAfterMs');
    // The rooms there are take messages as ever.
    expect((await http(`${server.url}/messages?room=${a}`, json({ user: 'u', text: 'a again' }))).status).toBe(201);
  });

  it('forgets history older than --history-ttl, in rooms nobody writes to as well', async () => {
    let now = Date.UTC(2026, 0, 1);
    const server = await startTestServer({ ...options(), rate: undefined, historyTtlMs: 3_600_000, retentionSweepMs: 20, now: () => now });
    const room = roomName();
    await postMessage(server.url, { user: 'u', text: 'old one' }, room);
    await postMessage(server.url, { user: 'u', text: 'old two' }, room);
    now += 2 * 3_600_000;
    const emptied = await waitFor(
      async () => {
        const answer = await page(server.url, room, 'since=0');
        return answer.firstId === 3 ? answer : undefined;
      },
      5000,
      'the old messages to go',
    );
    expect(emptied.messages).toEqual([]);
    // A long poll from before them is told at once rather than held.
    expect((await page(server.url, room, 'since=0&wait=5000')).firstId).toBe(3);
    expect((await postMessage(server.url, { user: 'u', text: 'new' }, room)).body.message.id).toBe(3);
  });
});

describe('a --memory server', () => {
  it('keeps 1,000 messages a room unless told otherwise', async () => {
    const server = await startTestServer();
    for (let i = 1; i <= 1005; i++) await server.store.append('r', { user: 'u', text: `m${i}` }, i);
    expect(await server.store.firstId('r')).toBe(6);
  });
});
