import { afterEach, describe, expect, it } from 'vitest';
import type { OnlineEntry, PresenceEvent, PresenceResponse } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { http } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { openSse, type SseClient } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';

const controllers = new Set<AbortController>();
afterEach(() => {
  for (const controller of controllers) controller.abort();
  controllers.clear();
});

async function online(server: RunningServer, room = 'lobby'): Promise<OnlineEntry[]> {
  const answer = await http(`${server.url}/presence?room=${room}`);
  expect(answer.status).toBe(200);
  const body = JSON.parse(answer.text) as PresenceResponse;
  expect(body.room).toBe(room);
  return [...body.online];
}

async function poll(server: RunningServer, query: string): Promise<void> {
  const answer = await http(`${server.url}/messages?${query}`);
  expect(answer.status, answer.text).toBe(200);
}

/** Opens an SSE stream and waits for its welcome. */
async function watch(server: RunningServer, query = 'room=lobby'): Promise<SseClient> {
  const client = await openSse(`${server.url}/events?${query}`);
  await client.event('welcome');
  return client;
}

function presenceEvents(client: SseClient): PresenceEvent[] {
  return client.events.filter((e) => e.event === 'presence').map((e) => JSON.parse(e.data) as PresenceEvent);
}

async function typingPost(server: RunningServer, user: string, room = 'lobby'): Promise<number> {
  return (await http(`${server.url}/typing?room=${room}`, { method: 'POST', body: JSON.stringify({ user }) })).status;
}

describe('GET /presence', () => {
  it('is empty for a room nobody is in', async () => {
    const server = await startTestServer();
    expect(await online(server, 'nobody')).toEqual([]);
  });

  it('lists short pollers, long pollers and SSE clients with their transport', async () => {
    const server = await startTestServer();
    await poll(server, 'room=lobby&user=alice');
    const controller = new AbortController();
    controllers.add(controller);
    const longPoll = fetch(`${server.url}/messages?room=lobby&since=0&wait=10000&user=bob`, { signal: controller.signal }).catch(() => undefined);
    const sse = await watch(server, 'room=lobby&user=carol');
    // Anonymous readers are not listed, nor users of another room.
    await watch(server, 'room=lobby');
    await poll(server, 'room=other&user=dave');
    await waitFor(async () => (await online(server)).length === 3, 5000, 'three online');
    expect(await online(server)).toEqual([
      { user: 'alice', transport: 'poll' },
      { user: 'bob', transport: 'longpoll' },
      { user: 'carol', transport: 'sse' },
    ]);
    expect(await online(server, 'other')).toEqual([{ user: 'dave', transport: 'poll' }]);

    controller.abort();
    await longPoll;
    sse.close();
    // The SSE entry goes with its stream; the long poller stays for its lease.
    await waitFor(async () => (await online(server)).every((e) => e.user !== 'carol'), 5000, 'carol gone');
    expect((await online(server)).map((e) => e.user)).toEqual(['alice', 'bob']);
  });

  it('lists one user on two transports twice, and an SSE user with two streams once until both close', async () => {
    const server = await startTestServer();
    const first = await watch(server, 'room=lobby&user=erin');
    const second = await watch(server, 'room=lobby&user=erin');
    await poll(server, 'room=lobby&user=erin');
    expect(await online(server)).toEqual([
      { user: 'erin', transport: 'poll' },
      { user: 'erin', transport: 'sse' },
    ]);
    first.close();
    await waitFor(async () => (await server.metrics.snapshot()).openSse === 1, 5000, 'one stream left');
    expect(await online(server)).toContainEqual({ user: 'erin', transport: 'sse' });
    second.close();
    await waitFor(async () => (await online(server)).length === 1, 5000, 'sse entry gone');
  });
});

describe('poller lease', () => {
  it('keeps a short poller online 10 s after its last GET, then announces the leave', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    const observer = await watch(server);
    await poll(server, 'room=lobby&user=alice');
    expect(await observer.event<PresenceEvent>('presence', (e) => e.user === 'alice')).toEqual({ event: 'join', user: 'alice', transport: 'poll', online: 1 });

    // Polling again renews the lease without another join.
    clock += 6000;
    await poll(server, 'room=lobby&user=alice');
    clock += 9999;
    expect(await online(server)).toEqual([{ user: 'alice', transport: 'poll' }]);
    clock += 2;
    expect(await online(server)).toEqual([]);
    // The periodic sweep (every second) tells the room.
    expect(await observer.event<PresenceEvent>('presence', (e) => e.event === 'leave')).toEqual({ event: 'leave', user: 'alice', transport: 'poll', online: 0 });
    expect(presenceEvents(observer).map((e) => e.event)).toEqual(['join', 'leave']);
  });

  it('adds the wait of a long poll to the lease', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    await poll(server, 'room=lobby&since=0&wait=300&user=bob');
    clock += 300 + 10_000 - 1;
    expect(await online(server)).toEqual([{ user: 'bob', transport: 'longpoll' }]);
    clock += 2;
    expect(await online(server)).toEqual([]);
  });

  it('keeps joins and leaves alternating when a poller comes back after its lease ran out', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    const observer = await watch(server);
    await poll(server, 'room=lobby&user=alice');
    await observer.event('presence', (e: PresenceEvent) => e.event === 'join');
    clock += 20_000;
    // It comes back before the sweep noticed it had gone.
    await poll(server, 'room=lobby&user=alice');
    clock += 20_000;
    await waitFor(() => presenceEvents(observer).at(-1)?.event === 'leave', 5000, 'the last presence event to be a leave');
    // Joins and leaves of one entry alternate (whether or not the sweep ran in between), so a
    // list kept from them stays right.
    const events = presenceEvents(observer).map((e) => `${e.event}:${e.online}`);
    expect(events.length % 2).toBe(0);
    events.forEach((event, i) => expect(event).toBe(i % 2 === 0 ? 'join:1' : 'leave:0'));
  });
});

describe('SSE presence events', () => {
  it('tells an open stream when an SSE user joins and leaves', async () => {
    const server = await startTestServer();
    const observer = await watch(server, 'room=lobby&user=olga');
    const visitor = await watch(server, 'room=lobby&user=vic');
    expect(await observer.event<PresenceEvent>('presence', (e) => e.user === 'vic')).toEqual({ event: 'join', user: 'vic', transport: 'sse', online: 2 });
    visitor.close();
    expect(await observer.event<PresenceEvent>('presence', (e) => e.event === 'leave')).toEqual({ event: 'leave', user: 'vic', transport: 'sse', online: 1 });
    // Its own join is in its welcome, not an event.
    expect(presenceEvents(observer).filter((e) => e.user === 'olga')).toEqual([]);
  });

  it('lists pollers already online in the welcome', async () => {
    const server = await startTestServer();
    await poll(server, 'room=lobby&user=alice');
    const client = await openSse(`${server.url}/events?room=lobby&user=carol`);
    const welcome = await client.event<{ online: OnlineEntry[] }>('welcome');
    expect(welcome.online).toEqual([
      { user: 'alice', transport: 'poll' },
      { user: 'carol', transport: 'sse' },
    ]);
  });
});

describe('POST /typing', () => {
  it('answers 204 and reaches SSE streams of the room as event: typing', async () => {
    const server = await startTestServer();
    const reader = await watch(server, 'room=lobby&user=reader');
    const elsewhere = await watch(server, 'room=other');
    expect(await typingPost(server, 'alice')).toBe(204);
    expect(await reader.event<{ user: string }>('typing')).toEqual({ user: 'alice' });
    expect(reader.raw).toContain('event: typing\ndata: {"user":"alice"}\n\n');
    // A marker in the other room shows the typing event would have arrived by now.
    expect(await typingPost(server, 'bob', 'other')).toBe(204);
    expect(await elsewhere.event<{ user: string }>('typing')).toEqual({ user: 'bob' });
    expect(elsewhere.events.filter((e) => e.event === 'typing')).toHaveLength(1);
  });

  it('does not echo typing to the typist’s own stream', async () => {
    const server = await startTestServer();
    const own = await watch(server, 'room=lobby&user=alice');
    const other = await watch(server, 'room=lobby&user=bob');
    expect(await typingPost(server, 'alice')).toBe(204);
    await other.event('typing');
    expect(await typingPost(server, 'bob')).toBe(204);
    await own.event<{ user: string }>('typing', (e) => e.user === 'bob');
    expect(own.events.filter((e) => e.event === 'typing').map((e) => e.data)).toEqual(['{"user":"bob"}']);
  });

  it('passes on at most one typing a second per user', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    const reader = await watch(server);
    expect(await typingPost(server, 'alice')).toBe(204);
    clock += 500;
    expect(await typingPost(server, 'alice')).toBe(204);
    expect(await typingPost(server, 'bob')).toBe(204);
    clock += 500;
    expect(await typingPost(server, 'alice')).toBe(204);
    await waitFor(() => reader.events.filter((e) => e.event === 'typing').length >= 3, 5000, 'three typing events');
    expect(reader.events.filter((e) => e.event === 'typing').map((e) => e.data)).toEqual(['{"user":"alice"}', '{"user":"bob"}', '{"user":"alice"}']);
  });
});
