import { describe, expect, it } from 'vitest';
import type { GetMessagesResponse } from '../../src/protocol/index.js';
import { errorBody, http, rawExchange } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { expectRefusal, TestClient, wsUrl } from '../helpers/ws.js';

async function storedCount(base: string, room = 'lobby'): Promise<number> {
  const res = await fetch(`${base}/messages?room=${room}&since=0`);
  return ((await res.json()) as GetMessagesResponse).messages.length;
}

/** A client in the same room that must not notice another client's trouble. */
async function bystander(base: string): Promise<TestClient> {
  return TestClient.join(wsUrl(base, { room: 'lobby', user: 'bystander' }));
}

async function expectUndisturbed(client: TestClient): Promise<void> {
  await client.roundTrip();
  expect(client.isOpen).toBe(true);
  expect(client.of('error')).toEqual([]);
}

describe('WebSocket upgrades that are refused before the upgrade', () => {
  const cases: { name: string; query: Record<string, string>; status: number; code: string }[] = [
    { name: 'a room that breaks the pattern', query: { room: 'No Spaces!', user: 'alice' }, status: 400, code: 'invalid_room' },
    { name: 'a missing user', query: { room: 'lobby' }, status: 400, code: 'invalid_user' },
    { name: 'a blank user', query: { room: 'lobby', user: '   ' }, status: 400, code: 'invalid_user' },
    { name: 'a user with control characters', query: { room: 'lobby', user: 'al\u0007ice' }, status: 400, code: 'invalid_user' },
    { name: 'a user over 32 characters', query: { room: 'lobby', user: 'x'.repeat(33) }, status: 400, code: 'invalid_user' },
    { name: 'a negative since', query: { room: 'lobby', user: 'alice', since: '-1' }, status: 400, code: 'invalid_field' },
    { name: 'a since that is not a number', query: { room: 'lobby', user: 'alice', since: 'abc' }, status: 400, code: 'invalid_field' },
  ];

  for (const { name, query, status, code } of cases) {
    it(`refuses ${name} with ${status} ${code}`, async () => {
      const server = await startTestServer();
      const refusal = await expectRefusal(wsUrl(server.url, query));
      expect(refusal.status).toBe(status);
      expect(refusal.contentType).toMatch(/^application\/json/);
      expect(refusal.body).toEqual({ code, error: expect.any(String) });
    });
  }

  it('refuses an upgrade whose target is no URL with 400, and stays up', async () => {
    const server = await startTestServer();
    const answer = await rawExchange(
      server.port,
      'GET //x:99999/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"bad_request"');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses a path other than /ws with 404', async () => {
    const server = await startTestServer();
    const refusal = await expectRefusal(`${server.url.replace('http', 'ws')}/socket?room=lobby&user=alice`);
    expect(refusal.status).toBe(404);
    expect(refusal.body).toEqual({ code: 'not_found', error: expect.any(String) });
  });

  it('refuses a missing or wrong token with 401 and accepts the right one as a header or a parameter', async () => {
    const server = await startTestServer({ token: 's3cret' });
    const url = wsUrl(server.url, { room: 'lobby', user: 'alice' });
    const missing = await expectRefusal(url);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: 'unauthorized', error: expect.stringContaining('token is required') });
    const wrong = await expectRefusal(url, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'unauthorized', error: expect.stringContaining('not valid') });
    const wrongParam = await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'alice', token: 's3cre' }));
    expect(wrongParam.status).toBe(401);

    await TestClient.join(url, { ws: { headers: { authorization: 'Bearer s3cret' } } });
    await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob', token: 's3cret' }));
  });

  it('refuses a foreign Origin with 403 and accepts an allowed one', async () => {
    const server = await startTestServer({ allowOrigins: ['https://chat.example.com'] });
    const url = wsUrl(server.url, { room: 'lobby', user: 'alice' });
    const refusal = await expectRefusal(url, { origin: 'https://evil.example.net' });
    expect(refusal.status).toBe(403);
    expect(refusal.body).toEqual({ code: 'forbidden_origin', error: expect.stringContaining('https://evil.example.net') });
    await TestClient.join(url, { ws: { origin: 'https://chat.example.com' } });
  });

  it('refuses with 404 transport_disabled when ws is turned off', async () => {
    const server = await startTestServer({ transports: new Set(['sse', 'poll']) });
    const refusal = await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    expect(refusal.status).toBe(404);
    expect(refusal.body).toEqual({ code: 'transport_disabled', error: expect.any(String) });
  });
});

describe('GET /ws without an upgrade, which tells a page why its WebSocket failed', () => {
  it('answers each refusal the upgrade would have made, with the same status and body', async () => {
    const server = await startTestServer({ token: 's3cret', transports: new Set(['ws', 'poll']) });
    const queries: Record<string, string>[] = [{ room: 'No Spaces!', user: 'alice' }, { room: 'lobby' }, { room: 'lobby', user: 'alice', since: 'abc' }, { room: 'lobby', user: 'alice', token: 'wrong' }, { room: 'lobby', user: 'alice' }];
    for (const query of queries) {
      const url = wsUrl(server.url, query);
      const [upgrade, get] = await Promise.all([expectRefusal(url), http(url.replace(/^ws/, 'http'))]);
      expect(get.status, JSON.stringify(query)).toBe(upgrade.status);
      expect(errorBody(get), JSON.stringify(query)).toEqual(upgrade.body);
    }
    const off = await startTestServer({ transports: new Set(['sse']) });
    const disabled = await http(`${off.url}/ws?room=lobby&user=alice`);
    expect([disabled.status, errorBody(disabled).code]).toEqual([404, 'transport_disabled']);
  });

  it('answers 426 upgrade_required, with Upgrade: websocket, where the upgrade would be accepted', async () => {
    const server = await startTestServer({ token: 's3cret' });
    const answer = await http(`${server.url}/ws?room=lobby&user=alice&since=3&token=s3cret`);
    expect(answer.status).toBe(426);
    expect(answer.headers.upgrade).toBe('websocket');
    expect(errorBody(answer)).toEqual({ code: 'upgrade_required', error: 'this is the WebSocket endpoint: open it with Upgrade: websocket' });
    await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice', token: 's3cret' }));
  });
});

describe('WebSocket frames the server refuses', () => {
  it('answers bad frames with an error frame and keeps the socket open', async () => {
    const server = await startTestServer({ maxText: 10 });
    const other = await bystander(server.url);
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));

    const bad: { frame: string; code: string }[] = [
      { frame: '{not json', code: 'invalid_json' },
      { frame: '[1,2]', code: 'bad_request' },
      { frame: '"send"', code: 'bad_request' },
      { frame: JSON.stringify({ type: 'shout', text: 'hi' }), code: 'unknown_frame' },
      { frame: JSON.stringify({ text: 'hi' }), code: 'unknown_frame' },
      { frame: JSON.stringify({ type: 'send', text: 'hi' }), code: 'invalid_field' },
      { frame: JSON.stringify({ type: 'send', clientId: 'c1' }), code: 'invalid_field' },
      { frame: JSON.stringify({ type: 'send', text: '   ', clientId: 'c2' }), code: 'invalid_field' },
      { frame: JSON.stringify({ type: 'send', text: 'hi', clientId: '' }), code: 'invalid_field' },
      { frame: JSON.stringify({ type: 'send', text: 'hi', clientId: 'c3', sentAt: 'now' }), code: 'invalid_field' },
      { frame: JSON.stringify({ type: 'ping' }), code: 'invalid_field' },
      { frame: JSON.stringify({ type: 'send', text: 'x'.repeat(11), clientId: 'c4' }), code: 'text_too_long' },
      { frame: '{"type":"send","text":"a\\udc00b","clientId":"c5"}', code: 'invalid_field' },
    ];
    for (const { frame, code } of bad) {
      const before = alice.frames.length;
      alice.ws.send(frame);
      const error = await alice.waitFor((f) => f.type === 'error', `error for ${frame}`, 5000, before);
      expect(error, frame).toMatchObject({ type: 'error', code, message: expect.any(String) });
    }
    // Binary frames are not the protocol either, but are no reason to hang up.
    alice.ws.send(Buffer.from('{"type":"ping","t":1}'), { binary: true });
    await alice.waitForType('error', (f) => f.code === 'bad_request' && f.message.includes('binary'));

    expect(alice.of('error')).toHaveLength(bad.length + 1);
    await alice.roundTrip();
    expect(alice.isOpen).toBe(true);
    // A send that fits still works on the same socket.
    alice.send({ type: 'send', text: 'x'.repeat(10), clientId: 'ok' });
    expect(await alice.waitForType('ack')).toEqual({ type: 'ack', clientId: 'ok', id: 1 });
    expect(await storedCount(server.url)).toBe(1);
    await expectUndisturbed(other);
  });

  it('names the clientId of a send it refuses, so the client knows which message failed', async () => {
    const server = await startTestServer({ maxText: 5 });
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    alice.send({ type: 'send', text: 'too long', clientId: 'long-1' });
    expect(await alice.waitForType('error')).toMatchObject({ code: 'text_too_long', clientId: 'long-1' });
  });

  it('closes with 1009 on a frame over 64 KiB', async () => {
    const server = await startTestServer({ maxText: 60_000 });
    const other = await bystander(server.url);
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    alice.send({ type: 'send', text: 'x'.repeat(65 * 1024), clientId: 'big' });
    const closed = await alice.closedWithin();
    expect(closed.code).toBe(1009);
    expect(await storedCount(server.url)).toBe(0);
    await expectUndisturbed(other);
  });

  it('closes with 1007 on a text frame that is not UTF-8', async () => {
    const server = await startTestServer();
    const other = await bystander(server.url);
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    alice.ws.send(Buffer.from([0xff, 0xfe]), { binary: false });
    expect((await alice.closedWithin()).code).toBe(1007);
    await expectUndisturbed(other);
  });

  it('refuses sends over the rate limit without storing them, and closes a sustained flood with 1008', async () => {
    const server = await startTestServer({ rate: { count: 3, perSeconds: 60 } });
    const other = await bystander(server.url);
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));

    for (let i = 1; i <= 4; i++) alice.send({ type: 'send', text: `m${i}`, clientId: `m${i}` });
    const refused = await alice.waitForType('error');
    expect(refused).toMatchObject({ type: 'error', code: 'rate_limited', clientId: 'm4', message: expect.any(String) });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    await alice.roundTrip();
    expect(alice.of('ack').map((a) => a.clientId)).toEqual(['m1', 'm2', 'm3']);
    expect(await storedCount(server.url)).toBe(3);
    expect(alice.isOpen).toBe(true);

    for (let i = 5; i <= 40; i++) alice.send({ type: 'send', text: `m${i}`, clientId: `m${i}` });
    const closed = await alice.closedWithin();
    expect(closed.code).toBe(1008);
    expect(await storedCount(server.url)).toBe(3);

    // The limit is per user: the bystander still sends, and saw exactly alice's three messages.
    other.send({ type: 'send', text: 'still here', clientId: 'b1' });
    expect(await other.waitForType('ack')).toEqual({ type: 'ack', clientId: 'b1', id: 4 });
    await other.waitForType('message', (f) => f.message.id === 4);
    expect(other.messages().map((m) => m.id)).toEqual([1, 2, 3, 4]);
    await expectUndisturbed(other);
  });
});
