import { describe, expect, it } from 'vitest';
import { mintToken } from '../../src/server/request/identity.js';
import type { RunningServer } from '../../src/server/server.js';
import { errorBody, http, type HttpAnswer } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { openSse } from '../helpers/sse.js';
import { expectRefusal, TestClient, wsUrl } from '../helpers/ws.js';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';
const HOUR = 3_600_000;

/** A server requiring signed identities, on a clock the test moves. */
async function identityServer(start = Date.now()): Promise<{ server: RunningServer; clock: { now: number } }> {
  const clock = { now: start };
  const server = await startTestServer({ jwtSecret: SECRET, now: () => clock.now, heartbeatSeconds: 0.05 });
  return { server, clock };
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const sendAs = (user: string): string => JSON.stringify({ user, text: `hi from ${user}` });

function expectCode(answer: HttpAnswer, status: number, code: string): string {
  expect(answer.status, answer.text).toBe(status);
  const body = errorBody(answer);
  expect(body.code).toBe(code);
  return body.error;
}

describe('signed identities (--jwt-secret)', () => {
  it('lets a token whose sub is the user act as that user on every transport, as a header or ?token=', async () => {
    const { server, clock } = await identityServer();
    const token = await mintToken(SECRET, 'alice', HOUR, () => clock.now);
    const auth = bearer(token);
    expect((await http(`${server.url}/messages?room=lobby`, { method: 'POST', body: sendAs('alice'), headers: auth })).status).toBe(201);
    expect((await http(`${server.url}/messages?room=lobby&since=0&user=alice&token=${token}`)).status).toBe(200);
    expect((await http(`${server.url}/messages?room=lobby&since=0&wait=0&user=alice`, { headers: auth })).status).toBe(200);
    expect((await http(`${server.url}/typing?room=lobby`, { method: 'POST', body: JSON.stringify({ user: 'alice' }), headers: auth })).status).toBe(204);
    expect((await http(`${server.url}/presence?room=lobby`, { headers: auth })).status).toBe(200);
    const sse = await openSse(`${server.url}/events?room=lobby&user=alice&token=${token}`);
    expect(await sse.event<{ lastId: number }>('welcome')).toMatchObject({ lastId: 1 });
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }), { ws: { headers: auth } });
    ws.send({ type: 'send', text: 'over ws', clientId: 'w-1' });
    await ws.waitForType('ack', (f) => f.clientId === 'w-1');
    await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice', token }));
    // Reading without a name is reading, not acting as anyone.
    expect((await http(`${server.url}/messages?room=lobby&since=0`, { headers: auth })).status).toBe(200);
  });

  it('refuses any other name with 403 name_mismatch on every transport, storing nothing', async () => {
    const { server, clock } = await identityServer();
    const token = await mintToken(SECRET, 'alice', HOUR, () => clock.now);
    const auth = bearer(token);
    expect(expectCode(await http(`${server.url}/messages?room=lobby`, { method: 'POST', body: sendAs('bob'), headers: auth }), 403, 'name_mismatch')).toMatch(/"alice".*"bob"/);
    expectCode(await http(`${server.url}/messages?room=lobby&since=0&user=bob`, { headers: auth }), 403, 'name_mismatch');
    expectCode(await http(`${server.url}/messages?room=lobby&since=0&wait=1000&user=bob`, { headers: auth }), 403, 'name_mismatch');
    expectCode(await http(`${server.url}/typing?room=lobby`, { method: 'POST', body: JSON.stringify({ user: 'bob' }), headers: auth }), 403, 'name_mismatch');
    expectCode(await http(`${server.url}/events?room=lobby&user=bob`, { headers: auth }), 403, 'name_mismatch');
    const upgrade = await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'bob', token }));
    expect(upgrade).toMatchObject({ status: 403, body: { code: 'name_mismatch' } });
    expect(await server.store.lastId('lobby')).toBe(0);
  });

  it('refuses a missing, forged or unsigned token with 401 unauthorized', async () => {
    const { server, clock } = await identityServer();
    const forged = await mintToken('another-secret-of-thirty-two-bytes-or-more', 'alice', HOUR, () => clock.now);
    const [header, payload] = forged.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const url = `${server.url}/messages?room=lobby`;
    expect(expectCode(await http(url, { method: 'POST', body: sendAs('alice') }), 401, 'unauthorized')).toMatch(/token is required/);
    for (const token of [forged, unsigned, `${header}.${payload}`, 'not-a-jwt', 's3cret']) {
      expect(expectCode(await http(url, { method: 'POST', body: sendAs('alice'), headers: bearer(token) }), 401, 'unauthorized')).toMatch(/not valid/);
    }
    expect((await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'alice', token: forged }))).status).toBe(401);
    expect(await server.store.lastId('lobby')).toBe(0);
  });

  it('refuses an expired token with 401 token_expired, whether seen before or not', async () => {
    const { server, clock } = await identityServer();
    const stale = await mintToken(SECRET, 'alice', 60_000, () => clock.now - 120_000);
    expectCode(await http(`${server.url}/messages?room=lobby&since=0`, { headers: bearer(stale) }), 401, 'token_expired');
    expect((await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'alice', token: stale }))).body).toMatchObject({ code: 'token_expired' });

    const fresh = await mintToken(SECRET, 'alice', 60_000, () => clock.now);
    expect((await http(`${server.url}/messages?room=lobby&since=0`, { headers: bearer(fresh) })).status).toBe(200);
    clock.now += 61_000;
    expectCode(await http(`${server.url}/messages?room=lobby&since=0`, { headers: bearer(fresh) }), 401, 'token_expired');
  });

  it('ends a WebSocket (4401) and an SSE stream once their token expires', async () => {
    const { server, clock } = await identityServer();
    const token = await mintToken(SECRET, 'alice', 60_000, () => clock.now);
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice', token }));
    const sse = await openSse(`${server.url}/events?room=lobby&user=alice&token=${token}`);
    await sse.event('welcome');
    await ws.roundTrip();
    clock.now += 61_000;
    expect(await ws.closedWithin()).toEqual({ code: 4401, reason: expect.stringMatching(/^token_expired/) });
    await sse.endedWithin();
  });

  it('refuses to start with both a shared token and a secret', async () => {
    await expect(startTestServer({ jwtSecret: SECRET, token: 's3cret' })).rejects.toThrow(/exclude each other/);
  });
});
