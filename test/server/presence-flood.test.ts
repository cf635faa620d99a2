import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { PresenceEvent, PresenceResponse } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { http, postMessage } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { openSse, type SseClient } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

const agents = new Set<Agent>();
afterEach(() => {
  for (const agent of agents) agent.destroy();
  agents.clear();
});

/** An SSE reader of the room, anonymous, once its welcome came. */
async function observe(server: RunningServer): Promise<SseClient> {
  const client = await openSse(`${server.url}/events?room=lobby`);
  await client.event('welcome');
  return client;
}

/** Everything the observer got up to a message posted now: the stream keeps its order, so what came before it has come. */
async function settle(server: RunningServer, observer: SseClient): Promise<void> {
  const { message } = (await postMessage(server.url, { user: 'marker', text: 'mark' })).body;
  await observer.event<{ id: number }>('message', (m) => m.id === message.id);
}

const joins = (observer: SseClient): string[] =>
  observer.events
    .filter((e) => e.event === 'presence')
    .map((e) => JSON.parse(e.data) as PresenceEvent)
    .filter((e) => e.event === 'join')
    .map((e) => e.user);

const typists = (observer: SseClient): string[] => observer.events.filter((e) => e.event === 'typing').map((e) => (JSON.parse(e.data) as { user: string }).user);

async function online(server: RunningServer): Promise<number> {
  return (JSON.parse((await http(`${server.url}/presence?room=lobby`)).text) as PresenceResponse).online.length;
}

/** GETs and POSTs one after another on one kept-alive connection. */
function keptAlive(base: string): (method: string, path: string, body?: string) => Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.add(agent);
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { method, agent, headers: body === undefined ? {} : { 'content-length': Buffer.byteLength(body) } });
      req.on('error', reject);
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.end(body);
    });
}

describe('presence a client cannot flood', () => {
  it('shows at most --names-per-address names polled from one address, and still answers the polls', async () => {
    const server = await startTestServer({ namesPerAddress: 8 });
    const observer = await observe(server);
    for (let i = 0; i < 30; i++) expect((await http(`${server.url}/messages?room=lobby&user=name-${i}`)).status).toBe(200);
    await settle(server, observer);
    expect(joins(observer)).toEqual(Array.from({ length: 8 }, (_, i) => `name-${i}`));
    expect(await online(server)).toBe(8);
    // A name it holds is renewed, however full the quota.
    expect((await http(`${server.url}/messages?room=lobby&user=name-3`)).status).toBe(200);
    expect(await online(server)).toBe(8);
  });

  it('counts named streams against the same quota, and frees a place when one closes', async () => {
    const server = await startTestServer({ namesPerAddress: 3 });
    const observer = await observe(server);
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(await TestClient.join(wsUrl(server.url, { room: 'lobby', user: `ws-${i}` })));
    const over = await openSse(`${server.url}/events?room=lobby&user=sse-over`);
    // Over the quota a stream still works, unseen.
    await over.event('welcome');
    expect((await http(`${server.url}/messages?room=lobby&user=poll-over`)).status).toBe(200);
    await settle(server, observer);
    expect(joins(observer)).toEqual(['ws-0', 'ws-1', 'ws-2']);

    streams[0]!.ws.close();
    await waitFor(async () => (await online(server)) === 2, 5000, 'ws-0 to leave');
    expect((await http(`${server.url}/messages?room=lobby&user=poll-now`)).status).toBe(200);
    await settle(server, observer);
    expect(joins(observer)).toEqual(['ws-0', 'ws-1', 'ws-2', 'poll-now']);
  });

  it('lets a lease that ran out free its place', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ namesPerAddress: 2, now: () => clock });
    const observer = await observe(server);
    for (const name of ['a', 'b', 'c']) await http(`${server.url}/messages?room=lobby&user=${name}`);
    clock += 11_000;
    await waitFor(async () => (await online(server)) === 0 && joins(observer).length === 2, 5000, 'the leases to run out');
    // The sweep that told the leaves also freed the places.
    await waitFor(async () => {
      await http(`${server.url}/messages?room=lobby&user=d`);
      return (await online(server)) === 1;
    }, 5000, 'a new name to be shown');
    await settle(server, observer);
    expect(joins(observer)).toEqual(['a', 'b', 'd']);
  });

  it('shows at most a few names polled on one kept-alive connection', async () => {
    const server = await startTestServer();
    const observer = await observe(server);
    const send = keptAlive(server.url);
    for (let i = 0; i < 10; i++) expect(await send('GET', `/messages?room=lobby&user=name-${i}`)).toBe(200);
    await settle(server, observer);
    expect(joins(observer)).toEqual(['name-0', 'name-1', 'name-2', 'name-3']);
  });
});

describe('typing a client cannot flood', () => {
  it('passes on as many typists per typing interval as an address may hold names', async () => {
    const server = await startTestServer({ namesPerAddress: 5 });
    const observer = await observe(server);
    for (let i = 0; i < 30; i++) {
      const answer = await http(`${server.url}/typing?room=lobby`, { method: 'POST', body: JSON.stringify({ user: `name-${i}` }) });
      expect(answer.status).toBe(204);
    }
    await settle(server, observer);
    expect(typists(observer)).toEqual(Array.from({ length: 5 }, (_, i) => `name-${i}`));
  });

  it('passes on a few typists per typing interval from one kept-alive connection', async () => {
    const server = await startTestServer();
    const observer = await observe(server);
    const send = keptAlive(server.url);
    for (let i = 0; i < 10; i++) expect(await send('POST', '/typing?room=lobby', JSON.stringify({ user: `name-${i}` }))).toBe(204);
    await settle(server, observer);
    expect(typists(observer)).toEqual(['name-0', 'name-1', 'name-2', 'name-3']);
  });
});
