import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Message, PostMessageResponse } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { http } from '../helpers/http.js';
import { PollClient } from '../helpers/pollers.js';
import { describeRedis, redisCommand, TestRedis } from '../helpers/redis.js';
import { idsOf, idsUpTo, startShared } from '../helpers/redis-cluster.js';
import { openSse, type SseClient } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { expectRefusal, TestClient, wsUrl } from '../helpers/ws.js';

async function post(server: RunningServer, text: string, clientId: string = randomUUID()): Promise<{ status: number; body: unknown; retryAfter: string | undefined }> {
  const answer = await http(`${server.url}/messages?room=lobby`, { method: 'POST', body: JSON.stringify({ user: 'poster', text, clientId }) });
  return { status: answer.status, body: JSON.parse(answer.text) as unknown, retryAfter: answer.headers['retry-after'] as string | undefined };
}

async function health(server: RunningServer): Promise<number> {
  return (await http(`${server.url}/healthz`)).status;
}

async function sse(server: RunningServer, user: string): Promise<SseClient> {
  const client = await openSse(`${server.url}/events?room=lobby&user=${user}`);
  await client.event('welcome');
  return client;
}

describeRedis('a server whose Redis goes away', () => {
  let redis: TestRedis;
  const logs: string[] = [];
  const log = (line: string): void => void logs.push(line);
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  beforeEach(async () => {
    logs.length = 0;
    // A test that failed half-way may have left it stopped.
    if (redis.child === undefined) await redis.restart();
    expect(await redisCommand(redis.port, 'FLUSHALL')).toBe('+OK');
  });

  it('says so, answers 503 and refuses sends while Redis is down, then serves again without losing a message', async () => {
    const [a, b] = await startShared(redis, 2, { log });
    const socket = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'alice' }));
    const stream = await sse(b!, 'bob');
    const longPoll = PollClient.start(a!.url, { user: 'carol', waitMs: 10_000 });
    for (let i = 1; i <= 5; i++) expect((await post(i % 2 === 0 ? a! : b!, `before ${i}`)).status).toBe(201);
    await waitFor(() => socket.messages().length === 5, 5000, 'the first five on the socket');

    // Stopped, as an operator would stop a Redis with persistence: its data comes back with it.
    await redis.stop({ save: true });
    for (const server of [a!, b!]) await waitFor(async () => (await health(server)) === 503, 5000, '/healthz to turn 503');
    expect(JSON.parse((await http(`${a!.url}/healthz`)).text)).toMatchObject({ ok: false, error: expect.stringContaining(redis.url) });
    expect(logs.some((line) => line.startsWith(`redis: lost the connection to ${redis.url}`))).toBe(true);

    const refused = await post(b!, 'during the outage', 'outage-1');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'unavailable', error: expect.stringContaining('unreachable') });
    socket.send({ type: 'send', text: 'during the outage', clientId: 'outage-2' });
    const error = await socket.waitForType('error', (f) => f.clientId === 'outage-2');
    expect(error).toMatchObject({ code: 'unavailable', retryAfterMs: expect.any(Number) });
    expect(socket.of('ack')).toEqual([]);
    // Every transport says when to try again, a WebSocket refused before its upgrade too.
    expect(refused.retryAfter).toBeDefined();
    const upgrade = await expectRefusal(wsUrl(a!.url, { room: 'lobby', user: 'dave' }));
    expect(upgrade).toMatchObject({ status: 503, retryAfter: '1', body: { code: 'unavailable' } });

    await redis.restart();
    for (const server of [a!, b!]) await waitFor(async () => (await health(server)) === 200, 5000, '/healthz to turn 200 again');
    expect(logs.some((line) => line.startsWith(`redis: connected to ${redis.url} again`))).toBe(true);

    // The refused sends go through on retry, and everything after flows to every client, ids going on.
    expect(await post(b!, 'during the outage', 'outage-1')).toMatchObject({ status: 201, body: { message: { id: 6 } } });
    socket.send({ type: 'send', text: 'during the outage', clientId: 'outage-2' });
    expect(await socket.waitForType('ack', (f) => f.clientId === 'outage-2')).toMatchObject({ id: 7 });
    for (let i = 8; i <= 12; i++) expect((await post(i % 2 === 0 ? a! : b!, `after ${i}`)).status).toBe(201);

    const clients: [string, () => Message[]][] = [
      ['ws', () => socket.messages()],
      ['sse', () => stream.messages<Message>()],
      ['longpoll', () => longPoll.messages],
    ];
    for (const [name, messages] of clients) {
      await waitFor(() => messages().length >= 12, 5000, `${name} to have all 12 messages`);
      expect(idsOf(messages()), name).toEqual(idsUpTo(12));
    }
    expect(socket.isOpen).toBe(true);
  });

  it('re-reads the store for every connection when its subscription comes back, so news missed meanwhile is not lost', async () => {
    const [a, b] = await startShared(redis, 2, { log });
    const socket = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'alice' }));
    const stream = await sse(a!, 'bob');
    const longPoll = PollClient.start(a!.url, { user: 'carol', waitMs: 10_000 });
    expect((await post(b!, 'first')).status).toBe(201);
    await waitFor(() => socket.messages().length === 1 && stream.messages().length === 1 && longPoll.messages.length === 1, 5000, 'the first message everywhere');

    // Cut every subscriber connection and post through B at once: A's subscription misses these notes.
    expect(await redisCommand(redis.port, 'CLIENT KILL TYPE pubsub')).toMatch(/^:[1-9]/);
    const posted = await Promise.all([post(b!, 'second'), post(b!, 'third')]);
    expect(posted.map((p) => p.status)).toEqual([201, 201]);

    for (const [name, count] of [
      ['ws', () => socket.messages().length],
      ['sse', () => stream.messages().length],
      ['longpoll', () => longPoll.messages.length],
    ] as const) {
      await waitFor(() => count() === 3, 5000, `${name} on A to get the messages posted while it was not subscribed`);
    }
    expect(idsOf(socket.messages())).toEqual([1, 2, 3]);
    expect(idsOf(stream.messages<Message>())).toEqual([1, 2, 3]);
    expect(idsOf(longPoll.messages)).toEqual([1, 2, 3]);
  });

  it('tells clients to start over under a new epoch when Redis comes back empty', async () => {
    const [a] = await startShared(redis, 1, { log });
    const socket = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'alice' }));
    const stream = await sse(a!, 'bob');
    const before = socket.of('welcome')[0]!.epoch;
    for (let i = 1; i <= 3; i++) expect((await post(a!, `old ${i}`)).status).toBe(201);
    await waitFor(() => socket.messages().length === 3 && stream.messages().length === 3, 5000, 'the three on socket and stream');
    const longPoll = fetch(`${a!.url}/messages?room=lobby&since=3&wait=10000`, { signal: AbortSignal.timeout(10_000) });
    await waitFor(async () => (await a!.metrics.snapshot()).heldLongPolls === 1, 5000, 'the long poll to be held');

    await redis.stop();
    await redis.restart();
    await waitFor(async () => (await health(a!)) === 200, 5000, '/healthz to turn 200 again');

    expect(await socket.closedWithin(5000)).toMatchObject({ code: 1012 });
    await stream.endedWithin(5000);
    const answered = (await (await longPoll).json()) as { messages: Message[]; epoch: string };
    expect(answered.messages).toEqual([]);
    expect(answered.epoch).not.toBe(before);
    expect(logs.some((line) => line.startsWith('history was reset'))).toBe(true);

    const again = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'alice', since: 3 }));
    expect(again.of('welcome')[0]).toMatchObject({ epoch: answered.epoch, lastId: 0 });
    const first = await post(a!, 'new 1');
    expect(first).toMatchObject({ status: 201, body: { message: { id: 1 }, epoch: answered.epoch } });
    expect((first.body as PostMessageResponse).epoch).not.toBe(before);
  });

  it('starts a new epoch when Redis comes back from an older snapshot, since ids would be given out twice', async () => {
    const [a, b] = await startShared(redis, 2, { log });
    for (let i = 1; i <= 3; i++) expect((await post(a!, `kept ${i}`)).status).toBe(201);
    await redis.snapshot();
    const socket = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'alice', since: 3 }));
    const before = socket.of('welcome')[0]!.epoch;
    for (let i = 4; i <= 6; i++) expect((await post(i % 2 === 0 ? a! : b!, `lost ${i}`)).status).toBe(201);
    // Live and idle: no read of the store is in flight when Redis goes.
    await waitFor(() => socket.messages().length === 3, 5000, 'messages 4-6 on the socket');

    // Back with the snapshot: the epoch is the old one, but ids 4–6 would be handed out again.
    await redis.stop({ keepSnapshot: true });
    await redis.restart();
    expect(await socket.closedWithin(5000)).toMatchObject({ code: 1012 });
    const again = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'alice', since: 6 }));
    const welcome = again.of('welcome')[0]!;
    expect(welcome.epoch).not.toBe(before);
    expect(welcome.lastId).toBe(3);
    // Both servers agree on the one new epoch.
    expect((await post(a!, 'new 4')).body).toMatchObject({ message: { id: 4 }, epoch: welcome.epoch });
    expect((await post(b!, 'new 5')).body).toMatchObject({ message: { id: 5 }, epoch: welcome.epoch });
  });
});
