import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { errorBody, http, rawExchange, type HttpAnswer } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { expectRefusal, TestClient, wsUrl } from '../helpers/ws.js';

const body = JSON.stringify({ user: 'mallory', text: 'hi from a rebound page' });

function expectForbiddenHost(answer: HttpAnswer): void {
  expect(answer.status, answer.text).toBe(421);
  expect(errorBody(answer).code).toBe('forbidden_host');
  expect(answer.headers['access-control-allow-origin']).toBeUndefined();
}

/** What a page on evil.example sends once its name resolves to the server's address (DNS rebinding). */
function rebound(server: RunningServer, name = 'evil.example'): Record<string, string> {
  return { host: `${name}:${server.port}`, origin: `http://${name}:${server.port}` };
}

describe('the Host check against DNS rebinding', () => {
  it('refuses a rebound page on every route, its preflight and its WebSocket, before anything is stored', async () => {
    const server = await startTestServer();
    const headers = rebound(server);
    expectForbiddenHost(await http(`${server.url}/messages?room=lobby`, { method: 'POST', body, headers }));
    expectForbiddenHost(await http(`${server.url}/messages?room=lobby`, { method: 'OPTIONS', headers: { ...headers, 'access-control-request-method': 'POST' } }));
    for (const path of ['/messages?since=0', '/messages?since=0&wait=0', '/events', '/presence', '/metrics', '/healthz', '/nope']) {
      expectForbiddenHost(await http(`${server.url}${path}`, { headers }));
    }
    expectForbiddenHost(await http(`${server.url}/typing`, { method: 'POST', body: JSON.stringify({ user: 'mallory' }), headers }));
    const upgrade = await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'mallory' }), { headers: { host: headers.host! }, origin: headers.origin! });
    expect(upgrade.status).toBe(421);
    expect(upgrade.body).toEqual({ code: 'forbidden_host', error: expect.stringContaining('--allow-host evil.example') });
    expect(await server.store.lastId('lobby')).toBe(0);
  });

  it('answers for the loopback names by default, whatever the case, port or final dot', async () => {
    const server = await startTestServer();
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'LocalHost', 'localhost.', `[::1]:${server.port}`]) {
      expect((await http(`${server.url}/messages`, { headers: { host } })).status, host).toBe(200);
    }
    await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }), { ws: { headers: { host: `localhost:${server.port}` } } });
  });

  it('lets a request without a Host header through: no browser sends one', async () => {
    const server = await startTestServer();
    const answer = await rawExchange(server.port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('adds the names given with --allow-host, and any with *', async () => {
    const server = await startTestServer({ allowHosts: ['chat.example'] });
    const answer = await http(`${server.url}/messages`, { headers: { host: 'Chat.Example:8080', origin: 'http://chat.example:8080' } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('http://chat.example:8080');
    expectForbiddenHost(await http(`${server.url}/messages`, { headers: { host: 'sub.chat.example' } }));

    const open = await startTestServer({ allowHosts: ['*'] });
    expect((await http(`${open.url}/messages`, { headers: { host: 'anything.example' } })).status).toBe(200);
  });

  it("answers for the machine's own name when bound to every address", async () => {
    const server = await startTestServer({ host: '0.0.0.0' });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await http(`${base}/messages`, { headers: { host: `${hostname()}:${server.port}` } })).status).toBe(200);
    expectForbiddenHost(await http(`${base}/messages`, { headers: { host: `evil.example:${server.port}` } }));
  });

  it('refuses an Origin of the right host but another scheme', async () => {
    const server = await startTestServer();
    const origin = `https://127.0.0.1:${server.port}`;
    const answer = await http(`${server.url}/messages?room=lobby`, { method: 'POST', body, headers: { origin } });
    expect(answer.status, answer.text).toBe(403);
    expect(errorBody(answer).code).toBe('forbidden_origin');
    const upgrade = await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'alice' }), { origin });
    expect(upgrade.status).toBe(403);
    expect(await server.store.lastId('lobby')).toBe(0);
  });
});
