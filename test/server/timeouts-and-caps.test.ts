import { describe, expect, it } from 'vitest';
import { errorBody, http, postMessage, rawExchange } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { openSse } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { expectRefusal, TestClient, wsUrl } from '../helpers/ws.js';

/** The status line and `{error, code}` body of a raw answer. */
function parseRaw(raw: string): { status: number; code: string } {
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(raw)?.[1]);
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return { status, code: (JSON.parse(body) as { code: string }).code };
}

const timeouts = { headersTimeoutMs: 300, requestTimeoutMs: 600 };

describe('request timeouts', () => {
  it('answers 408 request_timeout to headers that do not come in time', async () => {
    const server = await startTestServer(timeouts);
    const answer = await rawExchange(server.port, 'GET /messages?room=lobby HTTP/1.1\r\nHost: localhost\r\n', 3000);
    expect(parseRaw(answer)).toEqual({ status: 408, code: 'request_timeout' });
  });

  it('answers 408 to a body that does not come in time, storing nothing', async () => {
    const server = await startTestServer(timeouts);
    const head = 'POST /messages?room=lobby HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const answer = await rawExchange(server.port, `${head}{"user":"slow","text":"`, 3000);
    expect(parseRaw(answer)).toEqual({ status: 408, code: 'request_timeout' });
    expect(await server.store.lastId('lobby')).toBe(0);
  });

  it('closes a connection that sends nothing at all', async () => {
    const server = await startTestServer(timeouts);
    const answer = await rawExchange(server.port, '', 3000);
    expect(parseRaw(answer).status).toBe(408);
  });

  it('leaves what outlives a request alone: a long poll, an SSE stream and a WebSocket', async () => {
    const server = await startTestServer(timeouts);
    const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const sse = await openSse(`${server.url}/events?room=lobby&user=bob`);
    await sse.event('welcome');
    // Held twice the request timeout, then answered as a long poll is.
    const held = await http(`${server.url}/messages?room=lobby&since=0&wait=${2 * timeouts.requestTimeoutMs}`);
    expect(held.status).toBe(200);
    await ws.roundTrip();
    const { message } = (await postMessage(server.url, { user: 'carol', text: 'still there?' })).body;
    expect(await sse.event<{ id: number }>('message', (m) => m.id === message.id)).toMatchObject({ text: 'still there?' });
  });
});

describe('--max-connections', () => {
  it('refuses a connection past the cap with 503 too_many_connections, before an upgrade, and takes one again once a place is free', async () => {
    const server = await startTestServer({ maxConnections: 2 });
    const first = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const second = await openSse(`${server.url}/events?room=lobby&user=bob`);
    await second.event('welcome');

    const refused = await http(`${server.url}/messages?room=lobby`);
    expect(refused.status).toBe(503);
    expect(errorBody(refused).code).toBe('too_many_connections');
    expect(refused.headers['retry-after']).toBe('5');
    const upgrade = await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'carol' }));
    expect(upgrade).toMatchObject({ status: 503, body: { code: 'too_many_connections' } });
    // Health is answered whatever the load: it says whether the server works, not whether it is busy.
    expect((await http(`${server.url}/healthz`)).status).toBe(200);

    first.ws.close();
    await waitFor(async () => (await http(`${server.url}/messages?room=lobby`)).status === 200, 5000, 'a place to be free');
  });
});
