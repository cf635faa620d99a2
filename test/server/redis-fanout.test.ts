import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Message, PostMessageResponse } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { PollClient } from '../helpers/pollers.js';
import { describeRedis, sharedRedisPerTest } from '../helpers/redis.js';
import { idsOf, idsUpTo, percentile, startShared } from '../helpers/redis-cluster.js';
import { openSse, type SseClient } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

async function post(server: RunningServer, body: { user: string; text: string; clientId?: string; sentAt?: number }): Promise<{ status: number; body: PostMessageResponse }> {
  const res = await fetch(`${server.url}/messages?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as PostMessageResponse };
}

async function sse(server: RunningServer, user: string): Promise<SseClient> {
  const client = await openSse(`${server.url}/events?room=lobby&user=${user}`);
  await client.event('welcome');
  return client;
}

describeRedis('two servers sharing one Redis', () => {
  const redisServer = sharedRedisPerTest();

  it('hands every message to every client of every transport on both servers exactly once, in id order', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const servers = [a!, b!];
    const sockets = await Promise.all(servers.map((server, i) => TestClient.join(wsUrl(server.url, { room: 'lobby', user: `ws-${i}` }))));
    const streams = await Promise.all(servers.map((server, i) => sse(server, `sse-${i}`)));
    const longPolls = servers.map((server, i) => PollClient.start(server.url, { user: `longpoll-${i}`, waitMs: 10_000 }));
    const polls = servers.map((server, i) => PollClient.start(server.url, { user: `poll-${i}`, everyMs: 40 }));

    // Senders on both servers at once: HTTP posts to each, and each WebSocket on its socket.
    const perSender = 25;
    const httpSenders = servers.map(async (server, s) => {
      for (let i = 0; i < perSender; i++) expect((await post(server, { user: `http-${s}`, text: `http ${s}/${i}`, clientId: randomUUID() })).status).toBe(201);
    });
    const wsSenders = sockets.map(async (socket, s) => {
      for (let i = 0; i < perSender; i++) {
        const clientId = randomUUID();
        socket.send({ type: 'send', text: `ws ${s}/${i}`, clientId });
        await socket.waitForType('ack', (f) => f.clientId === clientId);
      }
    });
    await Promise.all([...httpSenders, ...wsSenders]);
    const total = 4 * perSender;

    const clients: [string, () => Message[]][] = [
      ...sockets.map((s, i): [string, () => Message[]] => [`ws on ${i}`, () => s.messages()]),
      ...streams.map((s, i): [string, () => Message[]] => [`sse on ${i}`, () => s.messages<Message>()]),
      ...longPolls.map((p, i): [string, () => Message[]] => [`longpoll on ${i}`, () => p.messages]),
      ...polls.map((p, i): [string, () => Message[]] => [`poll on ${i}`, () => p.messages]),
    ];
    for (const [name, messages] of clients) await waitFor(() => messages().length >= total, 10_000, `${name} to have ${total} messages`);
    const reference = clients[0]![1]();
    expect(new Set(reference.map((m) => m.text)).size).toBe(total);
    for (const [name, messages] of clients) {
      expect(idsOf(messages()), name).toEqual(idsUpTo(total));
      expect(messages(), name).toEqual(reference);
    }
    // Nothing more trickles in late: still exactly once after a further moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const [name, messages] of clients) expect(messages().length, name).toBe(total);
  });

  it('never gives two messages one id when both servers take posts at once, and stores a clientId once', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const burst = await Promise.all(Array.from({ length: 200 }, (_, i) => post(i % 2 === 0 ? a! : b!, { user: 'u', text: `m${i}` })));
    expect(burst.every((r) => r.status === 201)).toBe(true);
    const ids = burst.map((r) => r.body.message.id).sort((x, y) => x - y);
    expect(ids).toEqual(idsUpTo(200));

    // The same clientId sent to both at the same moment: one message, both told its id.
    for (let k = 0; k < 20; k++) {
      const clientId = `twice-${k}`;
      const [fromA, fromB] = await Promise.all([post(a!, { user: 'u', text: `a${k}`, clientId }), post(b!, { user: 'u', text: `b${k}`, clientId })]);
      expect([fromA.status, fromB.status].sort()).toEqual([200, 201]);
      expect(fromA.body.message).toEqual(fromB.body.message);
    }
    const history = await (await fetch(`${b!.url}/messages?room=lobby&since=200`)).json() as { messages: Message[] };
    expect(idsOf(history.messages)).toEqual(idsUpTo(220).slice(200));
  });

  it('gets a message accepted by one server to the other server\'s WebSocket, SSE and long-poll clients within milliseconds', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const socket = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'far-ws' }));
    const wsAt = new Map<number, number>();
    socket.ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; message?: Message };
      if (frame.type === 'message') wsAt.set(frame.message!.id, Date.now());
    });
    const stream = await sse(b!, 'far-sse');
    const sseAt = new Map<number, number>();
    stream.res.on('data', (chunk: Buffer | string) => {
      for (const match of String(chunk).matchAll(/^id: (\d+)$/gm)) sseAt.set(Number(match[1]), Date.now());
    });
    const longPoll = PollClient.start(b!.url, { user: 'far-longpoll', waitMs: 10_000 });

    const rounds = 60;
    const latency: Record<'ws' | 'sse' | 'longpoll', number[]> = { ws: [], sse: [], longpoll: [] };
    for (let i = 1; i <= rounds; i++) {
      const { body } = await post(a!, { user: 'near', text: `ping ${i}` });
      const { id, serverAt } = body.message;
      await waitFor(() => wsAt.has(id) && sseAt.has(id) && longPoll.receivedAt.has(id), 5000, `message ${id} on every client of the other server`, 1);
      latency.ws.push(wsAt.get(id)! - serverAt);
      latency.sse.push(sseAt.get(id)! - serverAt);
      latency.longpoll.push(longPoll.receivedAt.get(id)! - serverAt);
      // Let the long poll go back to waiting, as it would between real messages.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const figures = Object.entries(latency).map(([kind, values]) => `${kind} p50 ${percentile(values, 50)} ms, p95 ${percentile(values, 95)} ms, max ${Math.max(...values)} ms`);
    console.log(`cross-instance delivery (commit on A → client of B), ${rounds} messages: ${figures.join('; ')}`);
    for (const values of Object.values(latency)) expect(percentile(values, 50)).toBeLessThan(50);
  });

  it('tells typing to the WebSocket and SSE listeners of the other server', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const typist = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'typist' }));
    const listener = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'listener' }));
    const stream = await sse(b!, 'reader');
    typist.send({ type: 'typing' });
    await listener.waitForType('typing', (f) => f.user === 'typist');
    await stream.event<{ user: string }>('typing', (d) => d.user === 'typist');
    // And the typist is not told of itself.
    await typist.roundTrip();
    expect(typist.of('typing')).toEqual([]);
  });
});

describeRedis('read receipts across two servers sharing one Redis', () => {
  const redisServer = sharedRedisPerTest();

  it('tells a position kept on one server to the listeners of the other, which keeps it too', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    expect((await post(a!, { user: 'carol', text: 'hello' })).status).toBe(201);
    const onB = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'bob' }));
    const onA = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'alice' }));
    onA.send({ type: 'read', id: 1 });
    expect((await onB.waitForType('reads')).reads).toEqual([{ user: 'alice', id: 1 }]);
    const answer = await fetch(`${b!.url}/reads?room=lobby`);
    expect(await answer.json()).toEqual({ room: 'lobby', reads: [{ user: 'alice', id: 1 }] });
  });
});
