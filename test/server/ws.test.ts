import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GetMessagesResponse, Message, PostMessageResponse } from '../../src/protocol/index.js';
import { NO_SEND_LIMITS, startTestServer, tempDir } from '../helpers/server.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

async function post(base: string, room: string, body: Record<string, unknown>): Promise<{ status: number; body: PostMessageResponse }> {
  const res = await fetch(`${base}/messages?room=${room}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as PostMessageResponse };
}

async function history(base: string, room: string, since = 0): Promise<Message[]> {
  const res = await fetch(`${base}/messages?room=${room}&since=${since}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as GetMessagesResponse).messages.slice();
}

const ids = (messages: readonly Message[]): number[] => messages.map((m) => m.id);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('WebSocket /ws', () => {
  it('sends welcome {epoch, lastId, online, heartbeatMs} before anything else', async () => {
    const server = await startTestServer();
    const posted = [];
    for (let i = 1; i <= 3; i++) posted.push(await post(server.url, 'lobby', { user: 'bob', text: `hi ${i}` }));
    const alice = await TestClient.connect(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    await alice.waitFor((f) => f.type === 'message' && f.message.id === 3, 'message 3');

    const first = alice.frames[0];
    expect(first).toEqual({ type: 'welcome', epoch: posted[0]!.body.epoch, lastId: 3, online: [{ user: 'alice', transport: 'ws' }], heartbeatMs: 5000 });
    expect(ids(alice.messages())).toEqual([1, 2, 3]);
  });

  it('sends the backlog after since=N, then live messages, in order and each exactly once', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    for (let i = 1; i <= 20; i++) await post(server.url, 'lobby', { user: 'bob', text: `old ${i}` });
    const writer = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'writer' }));

    const reader = await TestClient.connect(wsUrl(server.url, { room: 'lobby', user: 'reader', since: 7 }));
    // Live messages race the backlog: sent as soon as the reader's socket is open.
    for (let i = 1; i <= 30; i++) writer.send({ type: 'send', text: `live ${i}`, clientId: `live-${i}` });
    await reader.waitFor((f) => f.type === 'message' && f.message.id === 50, 'message 50', 10_000);
    await reader.roundTrip();

    expect(reader.frames[0]?.type).toBe('welcome');
    expect(ids(reader.messages())).toEqual(range(8, 50));
    expect(reader.messages().at(-1)?.text).toBe('live 30');
  });

  it('pages a backlog longer than one page without gaps or repeats while live messages arrive', async () => {
    // More than a --memory server keeps by default.
    const server = await startTestServer({ ...NO_SEND_LIMITS, history: 0 });
    for (let i = 1; i <= 1200; i++) await server.store.append('big', { user: 'bob', text: `m${i}` }, Date.now());
    const writer = await TestClient.join(wsUrl(server.url, { room: 'big', user: 'writer' }));
    const reader = await TestClient.connect(wsUrl(server.url, { room: 'big', user: 'reader', since: 0 }));
    for (let i = 1; i <= 40; i++) writer.send({ type: 'send', text: `live ${i}`, clientId: `c${i}` });
    await reader.waitFor((f) => f.type === 'message' && f.message.id === 1240, 'message 1240', 15_000);
    await reader.roundTrip();
    expect(ids(reader.messages())).toEqual(range(1, 1240));
  });

  it('acknowledges a send only once it is stored, and echoes the message to the sender', async () => {
    const server = await startTestServer({ db: join(tempDir(), 'history.db') });
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    alice.send({ type: 'send', text: 'hello', clientId: 'a-1', sentAt: 1_700_000_000_000 });
    const ack = await alice.waitForType('ack');
    // Asked only after the ack: it must already be readable by everyone.
    const stored = await history(server.url, 'lobby');
    expect(ack).toEqual({ type: 'ack', clientId: 'a-1', id: 1 });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: 1, user: 'alice', text: 'hello', clientId: 'a-1', sentAt: 1_700_000_000_000 });

    const echo = await alice.waitForType('message', (f) => f.message.id === ack.id);
    expect(echo.message).toEqual(stored[0]);
    await alice.roundTrip();
    expect(alice.of('message')).toHaveLength(1);
  });

  it('stores a clientId once whether it comes again over ws or over HTTP', async () => {
    const server = await startTestServer();
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    alice.send({ type: 'send', text: 'once', clientId: 'dup-1' });
    const ack = await alice.waitForType('ack');

    alice.send({ type: 'send', text: 'once', clientId: 'dup-1' });
    await alice.waitFor((f) => f.type === 'ack', 'second ack', 5000, alice.frames.indexOf(ack) + 1);
    expect(alice.of('ack')).toEqual([ack, ack]);

    const again = await post(server.url, 'lobby', { user: 'alice', text: 'once', clientId: 'dup-1' });
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(ack.id);

    expect(ids(await history(server.url, 'lobby'))).toEqual([ack.id]);
    await alice.roundTrip();
    expect(alice.of('message')).toHaveLength(1);
  });

  it('passes typing to the other clients of the room but not back to the sender', async () => {
    const server = await startTestServer();
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const bob = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob' }));
    const elsewhere = await TestClient.join(wsUrl(server.url, { room: 'other', user: 'carol' }));

    alice.send({ type: 'typing' });
    expect(await bob.waitForType('typing')).toEqual({ type: 'typing', user: 'alice' });
    // The pong comes after the typing was handled, so a typing frame to alice would be here by now.
    await alice.roundTrip();
    await elsewhere.roundTrip();
    expect(alice.of('typing')).toEqual([]);
    expect(elsewhere.of('typing')).toEqual([]);
  });

  it('answers ping {t} with pong {t}', async () => {
    const server = await startTestServer();
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    alice.send({ type: 'ping', t: 1234.5 });
    expect(await alice.waitForType('pong')).toEqual({ type: 'pong', t: 1234.5 });
  });

  it('accepts the termchat.v1 subprotocol when it is offered', async () => {
    const server = await startTestServer();
    const url = wsUrl(server.url, { room: 'lobby', user: 'alice' });
    const only = await TestClient.join(url, { protocols: ['termchat.v1'] });
    expect(only.ws.protocol).toBe('termchat.v1');
    const among = await TestClient.join(url, { protocols: ['chat.v0', 'termchat.v1'] });
    expect(among.ws.protocol).toBe('termchat.v1');
    const none = await TestClient.join(url);
    expect(none.ws.protocol).toBe('');
  });

  it('tells the room of joins and leaves with the online count', async () => {
    const server = await startTestServer();
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const bob = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob' }));

    expect(await alice.waitForType('presence', (f) => f.user === 'bob')).toEqual({ type: 'presence', event: 'join', user: 'bob', transport: 'ws', online: 2 });
    expect(bob.frames[0]).toMatchObject({
      type: 'welcome',
      online: [
        { user: 'alice', transport: 'ws' },
        { user: 'bob', transport: 'ws' },
      ],
    });

    // A second socket of the same user is the same entry: no second join, no leave when one closes.
    const bob2 = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob' }));
    bob2.ws.close();
    await bob2.closedWithin();
    await alice.roundTrip();
    expect(alice.of('presence')).toHaveLength(1);

    bob.ws.close();
    expect(await alice.waitForType('presence', (f) => f.event === 'leave')).toEqual({ type: 'presence', event: 'leave', user: 'bob', transport: 'ws', online: 1 });
    const presence = await fetch(`${server.url}/presence?room=lobby`);
    expect(await presence.json()).toEqual({ room: 'lobby', online: [{ user: 'alice', transport: 'ws' }] });
  });
});
