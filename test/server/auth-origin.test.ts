import { describe, expect, it } from 'vitest';
import { errorBody, http, type HttpAnswer } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { openSse } from '../helpers/sse.js';

const TOKEN = 's3cret';
const body = JSON.stringify({ user: 'alice', text: 'hi' });

/** Every endpoint but /healthz, with a request that succeeds when let through. */
const endpoints: readonly { method: string; path: string; body?: string; ok: number }[] = [
  { method: 'GET', path: '/messages?since=0', ok: 200 },
  { method: 'GET', path: '/messages?since=0&wait=0', ok: 200 },
  { method: 'POST', path: '/messages', body, ok: 201 },
  { method: 'GET', path: '/presence', ok: 200 },
  { method: 'POST', path: '/typing', body: JSON.stringify({ user: 'alice' }), ok: 204 },
  { method: 'GET', path: '/metrics', ok: 200 },
];

function expectRefused(answer: HttpAnswer, status: 401 | 403): string {
  expect(answer.status, answer.text).toBe(status);
  const error = errorBody(answer);
  expect(error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden_origin');
  return error.error;
}

describe('token', () => {
  it.each(endpoints)('refuses $method $path without a token, with a wrong one, and lets the right one in', async ({ method, path, body: payload, ok }) => {
    const server = await startTestServer({ token: TOKEN });
    const url = `${server.url}${path}`;
    const join = path.includes('?') ? '&' : '?';
    expect(expectRefused(await http(url, { method, body: payload }), 401)).toMatch(/token is required/);
    expect(expectRefused(await http(url, { method, body: payload, headers: { authorization: 'Bearer nope' } }), 401)).toMatch(/not valid/);
    expectRefused(await http(`${url}${join}token=nope`, { method, body: payload }), 401);
    expectRefused(await http(url, { method, body: payload, headers: { authorization: `Basic ${TOKEN}` } }), 401);
    expect(await server.store.lastId('lobby')).toBe(0);

    expect((await http(url, { method, body: payload, headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(ok);
    expect((await http(`${url}${join}token=${TOKEN}`, { method, body: payload })).status).toBe(ok);
  });

  it('takes the scheme in any case', async () => {
    const server = await startTestServer({ token: TOKEN });
    expect((await http(`${server.url}/presence`, { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('guards GET /events: 401 without the token, a stream with ?token=', async () => {
    const server = await startTestServer({ token: TOKEN });
    const refused = await http(`${server.url}/events?room=lobby`);
    expectRefused(refused, 401);
    const stream = await openSse(`${server.url}/events?room=lobby&token=${TOKEN}`);
    expect(stream.status).toBe(200);
    expect(await stream.event<{ lastId: number }>('welcome')).toMatchObject({ lastId: 0 });
    const byHeader = await openSse(`${server.url}/events?room=lobby`, { authorization: `Bearer ${TOKEN}` });
    expect(byHeader.status).toBe(200);
  });

  it('leaves /healthz open', async () => {
    const server = await startTestServer({ token: TOKEN });
    expect((await http(`${server.url}/healthz`)).status).toBe(200);
  });

  it('asks nothing when the server has no token', async () => {
    const server = await startTestServer();
    expect((await http(`${server.url}/messages`)).status).toBe(200);
    expect((await http(`${server.url}/messages`, { headers: { authorization: 'Bearer anything' } })).status).toBe(200);
  });
});

describe('origin', () => {
  it('lets requests without an Origin through, without CORS headers', async () => {
    const server = await startTestServer();
    const answer = await http(`${server.url}/messages`);
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets a same-host Origin through and echoes it', async () => {
    const server = await startTestServer();
    const origin = `http://127.0.0.1:${server.port}`;
    const answer = await http(`${server.url}/messages`, { headers: { origin } });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
    expect(answer.headers.vary).toMatch(/Origin/);
  });

  it('compares the Origin with the Host as hosts, not as strings', async () => {
    const server = await startTestServer({ allowHosts: ['chat.example'] });
    const answer = await http(`${server.url}/messages`, { headers: { host: 'Chat.Example:80', origin: 'http://chat.example' } });
    expect(answer.status, answer.text).toBe(200);
  });

  it.each(['http://evil.example', `http://127.0.0.1:1`, 'null', 'not a url'])('refuses the foreign Origin %s with 403', async (origin) => {
    const server = await startTestServer();
    const refused = await http(`${server.url}/messages`, { method: 'POST', body, headers: { origin } });
    expect(expectRefused(refused, 403)).toContain('--allow-origin');
    expect(await server.store.lastId('lobby')).toBe(0);
    const stream = await http(`${server.url}/events`, { headers: { origin } });
    expectRefused(stream, 403);
  });

  it('checks the origin before the token', async () => {
    const server = await startTestServer({ token: TOKEN });
    const origin = 'http://evil.example';
    expectRefused(await http(`${server.url}/messages`, { headers: { origin } }), 403);
    expectRefused(await http(`${server.url}/messages`, { headers: { origin, authorization: `Bearer ${TOKEN}` } }), 403);
    expectRefused(await http(`${server.url}/metrics?token=${TOKEN}`, { headers: { origin } }), 403);
    // A good origin without the token is then refused for the token.
    const same = `http://127.0.0.1:${server.port}`;
    expectRefused(await http(`${server.url}/messages`, { headers: { origin: same } }), 401);
  });

  it('lets origins given with --allow-origin through, exactly', async () => {
    const server = await startTestServer({ allowOrigins: ['http://ok.example'] });
    const ok = await http(`${server.url}/messages`, { headers: { origin: 'http://ok.example' } });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('http://ok.example');
    for (const origin of ['https://ok.example', 'http://ok.example:8080', 'http://sub.ok.example']) {
      expectRefused(await http(`${server.url}/messages`, { headers: { origin } }), 403);
    }
  });

  it('lets any origin through with --allow-origin *', async () => {
    const server = await startTestServer({ allowOrigins: ['*'] });
    const answer = await http(`${server.url}/messages`, { headers: { origin: 'http://anything.example' } });
    expect(answer.status).toBe(200);
  });

  it('lets a browser page read a 401 from an allowed origin', async () => {
    const server = await startTestServer({ token: TOKEN, allowOrigins: ['http://ok.example'] });
    const refused = await http(`${server.url}/messages`, { headers: { origin: 'http://ok.example' } });
    expectRefused(refused, 401);
    expect(refused.headers['access-control-allow-origin']).toBe('http://ok.example');
  });
});

describe('CORS preflight', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

  it('answers 204 with the allowed methods and headers for an allowed origin', async () => {
    const server = await startTestServer({ allowOrigins: ['http://ok.example'] });
    const answer = await http(`${server.url}/messages`, preflight('http://ok.example'));
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('http://ok.example');
    expect(answer.headers['access-control-allow-methods']).toBe('GET, POST');
    const headers = (answer.headers['access-control-allow-headers'] ?? '').split(/,\s*/);
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'last-event-id']));
    const events = await http(`${server.url}/events`, preflight('http://ok.example'));
    expect(events.headers['access-control-allow-methods']).toBe('GET');
  });

  it('needs no token, since browsers never send one on a preflight', async () => {
    const server = await startTestServer({ token: TOKEN, allowOrigins: ['http://ok.example'] });
    const answer = await http(`${server.url}/messages`, preflight('http://ok.example'));
    expect(answer.status, answer.text).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('http://ok.example');
    // The real request still needs it.
    expectRefused(await http(`${server.url}/messages`, { headers: { origin: 'http://ok.example' } }), 401);
  });

  it('refuses a preflight from a foreign origin with 403', async () => {
    const server = await startTestServer({ token: TOKEN, allowOrigins: ['http://ok.example'] });
    expectRefused(await http(`${server.url}/messages`, preflight('http://evil.example')), 403);
  });

  it('answers a preflight on an unknown path with 404', async () => {
    const server = await startTestServer({ allowOrigins: ['http://ok.example'] });
    const answer = await http(`${server.url}/nope`, preflight('http://ok.example'));
    expect(answer.status).toBe(404);
    expect(errorBody(answer).code).toBe('not_found');
  });
});
