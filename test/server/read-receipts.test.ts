import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ReadPosition, ReadsResponse } from '../../src/protocol/index.js';
import { ReadPositions } from '../../src/server/room/read-positions.js';
import { mintToken } from '../../src/server/request/identity.js';
import type { RunningServer } from '../../src/server/server.js';
import { errorBody, http, postMessage } from '../helpers/http.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { openSse } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

async function readsOf(server: RunningServer, room = 'lobby'): Promise<ReadPosition[]> {
  const answer = await http(`${server.url}/reads?room=${room}`);
  expect(answer.status, answer.text).toBe(200);
  const body = JSON.parse(answer.text) as ReadsResponse;
  expect(body.room).toBe(room);
  return [...body.reads];
}

const postRead = (server: RunningServer, body: unknown, room = 'lobby', headers: Record<string, string> = {}) =>
  http(`${server.url}/read?room=${room}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });

/** POST `body` to `url` on `agent`'s connection. */
function keptAlive(agent: Agent, url: string, body: string): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withMessages(count: number): Promise<RunningServer> {
  const server = await startTestServer(NO_SEND_LIMITS);
  for (let i = 1; i <= count; i++) await postMessage(server.url, { user: 'carol', text: `m${i}` });
  return server;
}

describe('read receipts on the server', () => {
  it('keeps a WebSocket reader’s position, tells it to the room (the reader too) and answers GET /reads', async () => {
    const server = await withMessages(3);
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const bob = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob' }));
    alice.send({ type: 'read', id: 2 });
    const told = await bob.waitForType('reads');
    expect(told.reads).toEqual([{ user: 'alice', id: 2 }]);
    await alice.waitForType('reads');
    expect(await readsOf(server)).toEqual([{ user: 'alice', id: 2 }]);
    // Backwards says nothing new; forward is kept.
    alice.send({ type: 'read', id: 1 });
    alice.send({ type: 'read', id: 3 });
    await bob.waitForType('reads', (f) => f.reads.some((r) => r.id === 3), 3000);
    expect(await readsOf(server)).toEqual([{ user: 'alice', id: 3 }]);
  });

  it('greets a new listener with every position the room keeps, after welcome, on ws and sse', async () => {
    const server = await withMessages(2);
    expect((await postRead(server, { user: 'bob', id: 2 })).status).toBe(204);
    const carol = await TestClient.connect(wsUrl(server.url, { room: 'lobby', user: 'carol' }));
    const reads = await carol.waitForType('reads');
    expect(carol.frames[0]!.type).toBe('welcome');
    expect(reads.reads).toEqual([{ user: 'bob', id: 2 }]);
    const stream = await openSse(`${server.url}/events?room=lobby&user=dave`);
    expect(await stream.event<{ reads: ReadPosition[] }>('reads')).toEqual({ reads: [{ user: 'bob', id: 2 }] });
    stream.close();
  });

  it('takes POST /read from clients without a socket and tells SSE streams', async () => {
    const server = await withMessages(1);
    const stream = await openSse(`${server.url}/events?room=lobby&user=alice`);
    await stream.event('welcome');
    expect((await postRead(server, { user: 'poller', id: 1 })).status).toBe(204);
    expect(await stream.event<{ reads: ReadPosition[] }>('reads')).toEqual({ reads: [{ user: 'poller', id: 1 }] });
    expect(stream.raw).toContain('event: reads\ndata: {"reads":[{"user":"poller","id":1}]}\n\n');
    stream.close();
  });

  it('refuses an id past the room’s newest message, a bad body and a bad room, precisely', async () => {
    const server = await withMessages(2);
    const past = await postRead(server, { user: 'bob', id: 3 });
    expect(past.status).toBe(400);
    expect(errorBody(past)).toEqual({ code: 'invalid_field', error: 'id 3 is past the newest message of lobby (#2)' });
    const empty = await postRead(server, { user: 'bob', id: 1 }, 'nothing-here');
    expect(errorBody(empty).error).toBe('id 1 is past the newest message of nothing-here (it has none)');
    expect(errorBody(await postRead(server, { user: 'bob', id: 0 })).code).toBe('invalid_field');
    expect(errorBody(await postRead(server, { user: 'bob', id: 1.5 })).code).toBe('invalid_field');
    expect(errorBody(await postRead(server, { user: '', id: 1 })).code).toBe('invalid_user');
    expect(errorBody(await postRead(server, '{"user":')).code).toBe('invalid_json');
    expect(errorBody(await postRead(server, [1])).code).toBe('bad_request');
    expect(errorBody(await postRead(server, { user: 'bob', id: 1 }, 'Bad Room')).code).toBe('invalid_room');
    expect((await http(`${server.url}/read?room=lobby`)).status).toBe(405);
    expect(await readsOf(server)).toEqual([]);
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    ws.send({ type: 'read', id: 99 });
    const refused = await ws.waitForType('error');
    expect(refused).toMatchObject({ code: 'invalid_field', message: 'id 99 is past the newest message of lobby (#2)' });
    ws.send({ type: 'read', id: 'two' });
    expect((await ws.waitForType('error', (f) => f.message.startsWith('id:'))).code).toBe('invalid_field');
    expect(ws.isOpen).toBe(true);
  });

  it('lets a signed identity tell its own position only', async () => {
    const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
    const server = await startTestServer({ jwtSecret: SECRET });
    const token = await mintToken(SECRET, 'alice', 3_600_000);
    const auth = { authorization: `Bearer ${token}` };
    await fetch(`${server.url}/messages?room=lobby`, { method: 'POST', headers: auth, body: JSON.stringify({ user: 'alice', text: 'hi' }) });
    const impostor = await postRead(server, { user: 'bob', id: 1 }, 'lobby', auth);
    expect(impostor.status).toBe(403);
    expect(errorBody(impostor).code).toBe('name_mismatch');
    expect((await postRead(server, { user: 'alice', id: 1 }, 'lobby', auth)).status).toBe(204);
    expect((await postRead(server, { user: 'alice', id: 1 })).status).toBe(401);
  });

  it('bounds how often one connection tells positions: 429 with the wait', async () => {
    const server = await withMessages(40);
    const answers: number[] = [];
    // One after the other on one kept-alive connection, as a poller's: its ninth position in two seconds waits.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let id = 1; id <= 9; id++) {
        const { status, headers, text } = await keptAlive(agent, `${server.url}/read?room=lobby`, JSON.stringify({ user: 'alice', id }));
        answers.push(status);
        if (status !== 429) continue;
        const body = JSON.parse(text) as { code: string; retryAfterMs: number };
        expect(body.code).toBe('rate_limited');
        expect(body.retryAfterMs).toBeGreaterThan(0);
        expect(headers['retry-after']).toMatch(/^\d+$/);
      }
    } finally {
      agent.destroy();
    }
    expect(answers).toEqual([204, 204, 204, 204, 204, 204, 204, 204, 429]);
    // A WebSocket's ninth alike, in an error frame that leaves it open.
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob' }));
    for (let id = 1; id <= 9; id++) ws.send({ type: 'read', id });
    expect(await ws.waitForType('error')).toMatchObject({ code: 'rate_limited' });
    await ws.roundTrip();
  });
});

describe('ReadPositions', () => {
  it('tells the first move of a quiet room at once and the rest together, once an interval', async () => {
    const told: [string, ReadPosition[]][] = [];
    const reads = new ReadPositions((room, moved) => told.push([room, [...moved]]), Date.now, { perRoom: 10, total: 100, intervalMs: 80 });
    expect(reads.note('lobby', 'alice', 5)).toBe(true);
    expect(told).toEqual([['lobby', [{ user: 'alice', id: 5 }]]]);
    expect(reads.note('lobby', 'alice', 4)).toBe(false);
    reads.note('lobby', 'bob', 2);
    reads.note('lobby', 'alice', 6);
    expect(told).toHaveLength(1);
    await waitFor(() => told.length === 2, 2000, 'the next interval');
    expect(told[1]).toEqual(['lobby', [{ user: 'bob', id: 2 }, { user: 'alice', id: 6 }]]);
    reads.stop();
  });

  it('keeps at most so many readers a room, and so many in all, forgetting those that moved least lately', () => {
    const reads = new ReadPositions(() => {}, Date.now, { perRoom: 3, total: 5, intervalMs: 1000 });
    for (const user of ['a', 'b', 'c', 'd']) reads.note('one', user, 1);
    expect(reads.list('one').map((r) => r.user)).toEqual(['b', 'c', 'd']);
    reads.note('one', 'b', 2);
    expect(reads.list('one').map((r) => r.user)).toEqual(['c', 'd', 'b']);
    for (const user of ['x', 'y', 'z']) reads.note('two', user, 1);
    expect(reads.size).toBe(5);
    expect(reads.list('one').map((r) => r.user)).toEqual(['d', 'b']);
    reads.learn('three', [{ user: 'q', id: 9 }]);
    expect(reads.size).toBe(5);
    expect(reads.list('one').map((r) => r.user)).toEqual(['b']);
    reads.clear();
    expect(reads.size).toBe(0);
    reads.stop();
  });
});
