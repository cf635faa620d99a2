import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBody, http, type HttpAnswer } from '../helpers/http.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

const agents = new Set<Agent>();
afterEach(() => {
  for (const agent of agents) agent.destroy();
  agents.clear();
});

const send = (user: string, text = 'hi', clientId?: string): string => JSON.stringify({ user, text, ...(clientId === undefined ? {} : { clientId }) });

/** POSTs one message, with extra headers, on a connection of its own. */
function post(base: string, user: string, headers: Record<string, string> = {}, clientId?: string): Promise<HttpAnswer> {
  return http(`${base}/messages?room=lobby`, { method: 'POST', body: send(user, 'hi', clientId), headers });
}

/** Sends requests one after another on one kept-alive connection, as an HTTP client with a pool of one does. */
function keptAlive(base: string): { post(user: string): Promise<{ status: number; code?: string; socket: Socket }> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.add(agent);
  return {
    post: (user) =>
      new Promise((resolve, reject) => {
        const body = send(user);
        const req = request(`${base}/messages?room=lobby`, { method: 'POST', agent, headers: { 'content-length': Buffer.byteLength(body) } });
        req.on('error', reject);
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { code?: string }).code, socket: req.socket! }));
        });
        req.end(body);
      }),
  };
}

describe('send limits a new name does not escape', () => {
  it('holds one address to --address-rate, whatever names it gives', async () => {
    const server = await startTestServer({ rate: { count: 3, perSeconds: 60 }, addressRate: { count: 5, perSeconds: 60 } });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(server.url, `name-${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429, 429, 429]);
    const refused = await post(server.url, 'name-10');
    expect(errorBody(refused)).toEqual({ code: 'rate_limited', error: expect.stringMatching(/at most 5 per 60 s from one address/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await server.store.lastId('lobby')).toBe(5);
  });

  it('holds one kept-alive connection to --rate, whatever names it gives', async () => {
    const server = await startTestServer({ rate: { count: 3, perSeconds: 60 }, addressRate: undefined });
    const client = keptAlive(server.url);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await client.post(`name-${i}`));
    expect(new Set(answers.map((answer) => answer.socket)).size).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 429, 429]);
    expect(answers[3]!.code).toBe('rate_limited');
    // A new connection from the same address is another connection, and a new name another user.
    expect((await post(server.url, 'name-9')).status).toBe(201);
  });

  it('counts sends over every transport against the address', async () => {
    const server = await startTestServer({ ...NO_SEND_LIMITS, addressRate: { count: 4, perSeconds: 60 } });
    const alice = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    const bob = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'bob' }));
    for (const [client, id] of [[alice, 'a1'], [alice, 'a2'], [bob, 'b1']] as const) {
      client.send({ type: 'send', text: 'hi', clientId: id });
      await client.waitForType('ack', (f) => f.clientId === id);
    }
    expect((await post(server.url, 'carol')).status).toBe(201);
    bob.send({ type: 'send', text: 'hi', clientId: 'b2' });
    expect(await bob.waitForType('error', (f) => f.clientId === 'b2')).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/from one address/) });
    expect((await post(server.url, 'dave')).status).toBe(429);
  });

  it('still answers a retry of a stored message, rather than refusing it', async () => {
    const server = await startTestServer({ ...NO_SEND_LIMITS, addressRate: { count: 1, perSeconds: 60 } });
    const first = await post(server.url, 'alice', {}, 'c-1');
    expect(first.status).toBe(201);
    expect((await post(server.url, 'alice', {}, 'c-2')).status).toBe(429);
    const again = await post(server.url, 'alice', {}, 'c-1');
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ message: { id: 1, clientId: 'c-1' } });
  });
});

describe('--trust-proxy', () => {
  it('reads the address from the last X-Forwarded-For hop only when told to', async () => {
    const limits = { ...NO_SEND_LIMITS, addressRate: { count: 2, perSeconds: 60 } };
    const direct = await startTestServer(limits);
    // Without it the header is the client's word: every send is the socket's address.
    const forwarded = (hop: string): Record<string, string> => ({ 'x-forwarded-for': `203.0.113.9, ${hop}` });
    expect((await post(direct.url, 'a', forwarded('198.51.100.1'))).status).toBe(201);
    expect((await post(direct.url, 'b', forwarded('198.51.100.2'))).status).toBe(201);
    expect((await post(direct.url, 'c', forwarded('198.51.100.3'))).status).toBe(429);

    const proxied = await startTestServer({ ...limits, trustProxy: true });
    expect((await post(proxied.url, 'a', forwarded('198.51.100.1'))).status).toBe(201);
    expect((await post(proxied.url, 'b', forwarded('198.51.100.1'))).status).toBe(201);
    expect((await post(proxied.url, 'c', forwarded('198.51.100.1'))).status).toBe(429);
    // What a client puts before the proxy's hop changes nothing; the hop itself is another client.
    expect((await post(proxied.url, 'd', { 'x-forwarded-for': '198.51.100.2, 198.51.100.1' })).status).toBe(429);
    expect((await post(proxied.url, 'e', forwarded('198.51.100.2'))).status).toBe(201);
  });

  it('takes the scheme of the page from X-Forwarded-Proto only when told to', async () => {
    const direct = await startTestServer();
    const proxied = await startTestServer({ trustProxy: true });
    for (const server of [direct, proxied]) {
      const headers = { host: 'localhost', origin: 'https://localhost', 'x-forwarded-proto': 'https' };
      const answer = await http(`${server.url}/messages`, { headers });
      expect(answer.status, answer.text).toBe(server === proxied ? 200 : 403);
      // A plain-HTTP page is not the page of a proxy that took HTTPS.
      const plain = await http(`${server.url}/messages`, { headers: { ...headers, origin: 'http://localhost' } });
      expect(plain.status).toBe(server === proxied ? 403 : 200);
    }
  });
});
