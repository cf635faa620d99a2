import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Message, OnlineEntry, PostMessageResponse, PresenceResponse } from '../../src/protocol/index.js';
import { PRESENCE_TTL_MS } from '../../src/server/redis/redis-presence.js';
import { spawnServe, type ServeProcess } from '../helpers/cli.js';
import { PollClient } from '../helpers/pollers.js';
import { describeRedis, TestRedis } from '../helpers/redis.js';
import { idsOf, idsUpTo } from '../helpers/redis-cluster.js';
import { openSse } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';
import { wholeHistory } from '../helpers/http.js';

async function post(url: string, body: { user: string; text: string; clientId: string }): Promise<Message | undefined> {
  const res = await fetch(`${url}/messages?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return res.status === 201 ? ((await res.json()) as PostMessageResponse).message : undefined;
}

async function online(url: string): Promise<OnlineEntry[]> {
  const res = await fetch(`${url}/presence?room=lobby`, { signal: AbortSignal.timeout(5000) });
  return [...((await res.json()) as PresenceResponse).online];
}

/** Posts one message after another until `stop()`; keeps what was acknowledged. */
function sender(server: ServeProcess, user: string): { acked: Message[]; stop: () => Promise<void> } {
  const acked: Message[] = [];
  let stopped = false;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const message = await post(server.url, { user, text: `${user} ${i}`, clientId: randomUUID() }).catch(() => undefined);
      if (message !== undefined) acked.push(message);
      // A dead server refuses at once; do not spin.
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    acked,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

describeRedis('termchat serve --redis: two processes, one killed', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });

  it('keeps serving on the survivor, with Redis holding every acknowledged message and its clients getting each once, in order', async () => {
    const args = ['--redis', redis.url, '--rate', '0', '--address-rate', '0'];
    const [a, b] = await Promise.all([spawnServe(args), spawnServe(args)]);
    // Watchers on the survivor, of every streaming transport.
    const socket = await TestClient.join(wsUrl(b.url, { room: 'lobby', user: 'watch-ws' }));
    const stream = await openSse(`${b.url}/events?room=lobby&user=watch-sse`);
    await stream.event('welcome');
    const longPoll = PollClient.start(b.url, { user: 'watch-longpoll', waitMs: 10_000 });
    // Users on the victim.
    await TestClient.join(wsUrl(a.url, { room: 'lobby', user: 'victim-ws' }));
    const victimSse = await openSse(`${a.url}/events?room=lobby&user=victim-sse`);
    await victimSse.event('welcome');
    await waitFor(async () => (await online(b.url)).some((e) => e.user === 'victim-sse'), 5000, 'the victim users listed on B');

    const toA = sender(a, 'to-a');
    const toB = sender(b, 'to-b');
    await waitFor(() => toA.acked.length >= 30, 10_000, '30 messages acknowledged by A', 1);
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await a.exited()).signal).toBe('SIGKILL');
    const ackedByBAtKill = toB.acked.length;
    await waitFor(() => toB.acked.length >= ackedByBAtKill + 30, 10_000, 'B to go on acknowledging', 1);
    await Promise.all([toA.stop(), toB.stop()]);

    // Redis holds a dense history with every acknowledged message exactly as acknowledged.
    const stored = await wholeHistory(b.url);
    expect(idsOf(stored)).toEqual(idsUpTo(stored.length));
    const byId = new Map(stored.map((m) => [m.id, m]));
    for (const message of [...toA.acked, ...toB.acked]) expect(byId.get(message.id)).toEqual(message);
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(stored.length);

    // The survivor's clients got all of it — A's last messages included — once each, in order.
    const clients: [string, () => Message[]][] = [
      ['ws', () => socket.messages()],
      ['sse', () => stream.messages<Message>()],
      ['longpoll', () => longPoll.messages],
    ];
    for (const [name, messages] of clients) {
      await waitFor(() => messages().length >= stored.length, 10_000, `${name} on B to have all ${stored.length} messages`);
      expect(messages(), name).toEqual(stored);
    }

    // The victim's users leave B's list within the presence expiry and one sweep, and B's clients are told.
    await waitFor(async () => (await online(b.url)).every((e) => !e.user.startsWith('victim')), PRESENCE_TTL_MS + 4000, "the killed server's users to leave", 100);
    const goneAfter = Date.now() - killedAt;
    expect(goneAfter).toBeLessThan(PRESENCE_TTL_MS + 4000);
    await socket.waitForType('presence', (f) => f.user === 'victim-ws' && f.event === 'leave');
    await socket.waitForType('presence', (f) => f.user === 'victim-sse' && f.event === 'leave');
    console.log(`SIGKILL: ${stored.length} messages stored, ${toA.acked.length + toB.acked.length} acknowledged; the victim's users left after ${goneAfter} ms`);
  });
});
