import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GetMessagesResponse } from '../../src/protocol/index.js';
import { errorBody, http } from '../helpers/http.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { holdWriteLock } from '../helpers/sqlite-lock.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

const send = (url: string, text: string, clientId: string) =>
  http(`${url}/messages?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'alice', text, clientId }) });

/** An answer and how long it took, ms. */
async function timed<T>(request: Promise<T>): Promise<{ answer: T; ms: number }> {
  const start = performance.now();
  const answer = await request;
  return { answer, ms: performance.now() - start };
}

describe('a history file another process has locked', () => {
  it('answers every send 503 unavailable with Retry-After at once, stores nothing, never stalls the server, and takes the retry', async () => {
    const db = join(tempDir(), 'history.db');
    const server = await startTestServer({ db, rate: undefined });
    expect((await send(server.url, 'before', 'c-0')).status).toBe(201);
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice', since: 1 }));
    const lock = await holdWriteLock(db);

    // A send and a health check together: the send is refused as unavailable, and waiting for the
    // lock never holds up the event loop, so the health check is answered meanwhile.
    const [sent, health] = await Promise.all([timed(send(server.url, 'over http', 'c-1')), timed(http(`${server.url}/healthz`))]);
    expect(sent.answer.status).toBe(503);
    expect(errorBody(sent.answer).code).toBe('unavailable');
    expect(Number(sent.answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(sent.ms).toBeLessThan(1500);
    expect(health.answer.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);

    ws.send({ type: 'send', text: 'over ws', clientId: 'w-1' });
    const refused = await ws.waitForType('error', (f) => f.clientId === 'w-1');
    expect(refused).toMatchObject({ code: 'unavailable', clientId: 'w-1' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);

    // Readers are not held up by a writer's lock.
    const read = await http(`${server.url}/messages?room=lobby&since=0`);
    expect(read.status).toBe(200);
    expect((JSON.parse(read.text) as GetMessagesResponse).messages.map((m) => m.text)).toEqual(['before']);

    await lock.release();
    expect((await send(server.url, 'over http', 'c-1')).status).toBe(201);
    expect((await send(server.url, 'over http', 'c-1')).status).toBe(200);
    ws.send({ type: 'send', text: 'over ws', clientId: 'w-1' });
    await ws.waitForType('ack', (f) => f.clientId === 'w-1');
    const after = JSON.parse((await http(`${server.url}/messages?room=lobby&since=0`)).text) as GetMessagesResponse;
    expect(after.messages.map((m) => m.text)).toEqual(['before', 'over http', 'over ws']);
  });

  it('keeps one sender’s messages in order when the lock goes while they wait', async () => {
    const db = join(tempDir(), 'history.db');
    const server = await startTestServer({ db, rate: undefined });
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const lock = await holdWriteLock(db);
    for (let i = 1; i <= 5; i++) ws.send({ type: 'send', text: `m${i}`, clientId: `k${i}` });
    await lock.release();
    await ws.until(() => ws.of('ack').length + ws.of('error').length >= 5, 'an answer to every send');
    // Of the sends stored without a retry, each got a higher id than those sent before it.
    const firstTry = ws.of('ack').map((ack) => ({ k: Number(ack.clientId.slice(1)), id: ack.id }));
    const byK = firstTry.slice().sort((a, b) => a.k - b.k);
    expect(byK.map((a) => a.id)).toEqual(firstTry.map((a) => a.id).sort((a, b) => a - b));
    // Whatever was refused is sent again, as a client does, and everything is stored once.
    for (const error of ws.of('error')) ws.send({ type: 'send', text: `m${error.clientId!.slice(1)}`, clientId: error.clientId });
    await ws.until(() => ws.of('ack').length >= 5, 'every send acknowledged');
    expect(ws.messages().map((m) => m.text).sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });
});
