import { expect, it } from 'vitest';
import type { OnlineEntry, PresenceEvent, PresenceResponse } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { http } from '../helpers/http.js';
import { describeRedis, sharedRedisPerTest } from '../helpers/redis.js';
import { startShared } from '../helpers/redis-cluster.js';
import { openSse } from '../helpers/sse.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

async function online(server: RunningServer, room = 'lobby'): Promise<OnlineEntry[]> {
  const answer = await http(`${server.url}/presence?room=${room}`);
  expect(answer.status, answer.text).toBe(200);
  return [...(JSON.parse(answer.text) as PresenceResponse).online];
}

const names = (entries: readonly OnlineEntry[]): string[] => entries.map((e) => `${e.user}/${e.transport}`);

describeRedis('presence across servers sharing one Redis', () => {
  const redisServer = sharedRedisPerTest();

  it('lists everyone online on either server in /presence and welcome, and tells joins and leaves to the other server', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const alice = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'alice' }));
    const bob = await openSse(`${b!.url}/events?room=lobby&user=bob`);
    await bob.event('welcome');
    expect((await http(`${a!.url}/messages?room=lobby&since=0&user=carol`)).status).toBe(200);
    // Someone in another room is not listed.
    expect((await http(`${b!.url}/messages?room=other&since=0&user=zed`)).status).toBe(200);

    for (const server of [a!, b!]) expect(names(await online(server))).toEqual(['alice/ws', 'bob/sse', 'carol/poll']);
    expect(names(await online(a!, 'other'))).toEqual(['zed/poll']);

    const dave = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'dave' }));
    expect(names(dave.of('welcome')[0]!.online)).toEqual(['alice/ws', 'bob/sse', 'carol/poll', 'dave/ws']);
    expect(await alice.waitForType('presence', (f) => f.user === 'dave')).toMatchObject({ event: 'join', transport: 'ws', online: 4 });

    dave.ws.close();
    expect(await alice.waitForType('presence', (f) => f.user === 'dave' && f.event === 'leave')).toMatchObject({ transport: 'ws', online: 3 });
    alice.ws.close();
    const left = await bob.event<PresenceEvent>('presence', (e) => e.user === 'alice' && e.event === 'leave');
    expect(left).toEqual({ event: 'leave', user: 'alice', transport: 'ws', online: 2 });
    expect(names(await online(b!))).toEqual(['bob/sse', 'carol/poll']);
  });

  it('counts one user on the same transport on both servers once, until both have gone', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const watcher = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'watcher' }));
    const onA = await TestClient.join(wsUrl(a!.url, { room: 'lobby', user: 'erin' }));
    await watcher.waitForType('presence', (f) => f.user === 'erin' && f.event === 'join');
    const onB = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'erin' }));
    expect(names(await online(a!))).toEqual(['erin/ws', 'watcher/ws']);

    onA.ws.close();
    await onA.closedWithin(2000);
    // Give A time to let erin's socket go and tell Redis: she is still online, through B.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(names(await online(a!))).toEqual(['erin/ws', 'watcher/ws']);
    onB.ws.close();
    await watcher.waitForType('presence', (f) => f.user === 'erin' && f.event === 'leave');
    // Exactly one join and one leave for erin, though she came and went twice.
    expect(watcher.of('presence').filter((f) => f.user === 'erin').map((f) => f.event)).toEqual(['join', 'leave']);
    expect(names(await online(a!))).toEqual(['watcher/ws']);
  });

  it('takes the users of a server that shuts down out of the other server\'s list at once', async () => {
    const [a, b] = await startShared(redisServer(), 2);
    const watcher = await TestClient.join(wsUrl(b!.url, { room: 'lobby', user: 'watcher' }));
    expect((await http(`${a!.url}/messages?room=lobby&since=0&user=poller`)).status).toBe(200);
    await watcher.waitForType('presence', (f) => f.user === 'poller' && f.event === 'join');
    const started = Date.now();
    await a!.close();
    // The poller's lease had 10 s left; the shutdown takes it out of Redis all the same.
    await watcher.waitForType('presence', (f) => f.user === 'poller' && f.event === 'leave', 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(names(await online(b!))).toEqual(['watcher/ws']);
  });
});
