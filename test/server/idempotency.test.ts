import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../src/server/base/options.js';
import { http } from '../helpers/http.js';
import { redisAvailable, TestRedis } from '../helpers/redis.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

let redis: TestRedis | undefined;
if (redisAvailable) beforeAll(async () => void (redis = await TestRedis.start()));

const backends: { readonly name: string; readonly options: () => Partial<ServerOptions> }[] = [
  { name: 'memory', options: () => ({}) },
  { name: 'SQLite', options: () => ({ db: join(tempDir(), 'history.db') }) },
  ...(redisAvailable ? [{ name: 'Redis', options: () => ({ redis: redis!.url }) }] : []),
];

async function post(url: string, body: object): Promise<{ status: number; body: { message?: { id: number; user: string; text: string } } }> {
  const answer = await http(`${url}/messages?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, body: JSON.parse(answer.text) as { message?: { id: number; user: string; text: string } } };
}

describe.each(backends)('idempotency keys are per user ($name)', ({ options }) => {
  it("a clientId another user sent first does not swallow this user's message, over HTTP and WebSocket", async () => {
    const server = await startTestServer({ ...options(), rate: undefined });
    expect((await post(server.url, { user: 'mallory', text: 'from mallory', clientId: 'c-1' })).status).toBe(201);
    const alice = await post(server.url, { user: 'alice', text: 'from alice', clientId: 'c-1' });
    expect(alice.status).toBe(201);
    expect(alice.body.message).toMatchObject({ user: 'alice', text: 'from alice' });
    // Alice's retry is answered with her own message.
    const retry = await post(server.url, { user: 'alice', text: 'from alice', clientId: 'c-1' });
    expect(retry).toEqual({ status: 200, body: expect.objectContaining({ message: alice.body.message }) });

    expect((await post(server.url, { user: 'mallory', text: 'mallory again', clientId: 'c-2' })).status).toBe(201);
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice', since: 3 }));
    ws.send({ type: 'send', text: 'alice over ws', clientId: 'c-2' });
    const ack = await ws.waitForType('ack', (f) => f.clientId === 'c-2');
    expect(ack.id).toBe(4);

    const page = JSON.parse((await http(`${server.url}/messages?room=lobby&since=0`)).text) as { messages: { user: string; text: string }[] };
    expect(page.messages.map((m) => `${m.user}: ${m.text}`)).toEqual(['mallory: from mallory', 'alice: from alice', 'mallory: mallory again', 'alice: alice over ws']);
  });

  it("answers a rate-limited retry only with the sender's own message, never another user's", async () => {
    const server = await startTestServer({ ...options(), rate: { count: 1, perSeconds: 60 } });
    expect((await post(server.url, { user: 'mallory', text: 'mallory took it', clientId: 'c-9' })).status).toBe(201);
    expect((await post(server.url, { user: 'alice', text: 'first', clientId: 'c-8' })).status).toBe(201);
    // Alice is over her limit; her c-9 was never stored, so it is refused, not answered with Mallory's.
    const refused = await post(server.url, { user: 'alice', text: 'second', clientId: 'c-9' });
    expect(refused.status).toBe(429);
  });
});
