import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/index.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ids = (messages: readonly Message[]): number[] => messages.map((m) => m.id);

describe('WebSocket heartbeat', () => {
  it('terminates a client that does not answer pings within about two intervals and keeps one that does', async () => {
    const interval = 200;
    const server = await startTestServer({ heartbeatSeconds: interval / 1000 });
    const normal = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'normal' }));
    let pingsToNormal = 0;
    normal.ws.on('ping', () => pingsToNormal++);

    const openedAt = Date.now();
    const silent = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'silent' }), { ws: { autoPong: false } });
    let pingsToSilent = 0;
    silent.ws.on('ping', () => pingsToSilent++);

    const closed = await silent.closedWithin(20 * interval);
    const elapsed = Date.now() - openedAt;
    expect(closed.code).toBe(1006); // terminated, no close handshake
    expect(pingsToSilent).toBeGreaterThanOrEqual(1);
    // One sweep pings, the next one reaps: never before one interval, and after two at most
    // (with slack for a busy machine).
    expect(elapsed).toBeGreaterThanOrEqual(interval * 0.9);
    expect(elapsed).toBeLessThan(2 * interval + 1000);
    await normal.waitForType('presence', (f) => f.event === 'leave' && f.user === 'silent');

    // The one that answers outlives several more heartbeats.
    const seen = pingsToNormal;
    await waitFor(() => pingsToNormal >= seen + 4, 20 * interval, 'four more pings');
    await normal.roundTrip();
    expect(normal.isOpen).toBe(true);
  });

  it('sends no ping of its own to a client that pings every heartbeat: its pong is the one frame each way', async () => {
    const interval = 200;
    const server = await startTestServer({ heartbeatSeconds: interval / 1000 });
    const client = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'pinger' }));
    let pings = 0;
    client.ws.on('ping', () => pings++);
    let pongs = 0;
    client.ws.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'pong') pongs++;
    });
    client.send({ type: 'ping', t: 0 });
    const timer = setInterval(() => client.send({ type: 'ping', t: 0 }), interval);
    try {
      await waitFor(() => pongs >= 10, 20 * interval, 'ten pongs');
    } finally {
      clearInterval(timer);
    }
    // Ten sweeps found a ping of the client since the last; one may have come before its first,
    // or between two pings drifting across it.
    expect(pings).toBeLessThanOrEqual(2);
    expect(client.isOpen).toBe(true);
  });
});

/**
 * A server with a 64 KiB bound per reader, an observer, a sender and a reader that stops reading;
 * messages of 10 kB until the server lets the slow reader go, then 20 short ones it can only get
 * by resuming. Resolves with the last id, once the observer has everything.
 */
async function floodPastASlowReader(closeGraceMs: number) {
  const server = await startTestServer({ ...NO_SEND_LIMITS, maxText: 20_000, maxBufferedBytes: 64 * 1024, heartbeatSeconds: 60, closeGraceMs });
  const url = (user: string, since?: number): string => wsUrl(server.url, { room: 'lobby', user, ...(since === undefined ? {} : { since }) });
  const observer = await TestClient.join(url('observer'));
  const sender = await TestClient.join(url('sender'));
  const slow = await TestClient.join(url('slow'));
  await observer.waitForType('presence', (f) => f.user === 'slow' && f.event === 'join');

  // Stops reading: the TCP receive window fills, then the server's buffer for it grows.
  slow.ws.pause();
  const text = 'y'.repeat(10_000);
  const left = (): boolean => observer.of('presence').some((f) => f.user === 'slow' && f.event === 'leave');
  let sent = 0;
  while (!left()) {
    if (sent >= 4000) throw new Error(`slow reader still connected after ${sent} messages of 10 kB`);
    for (let i = 0; i < 50; i++) {
      sent++;
      sender.send({ type: 'send', text, clientId: `m${sent}` });
    }
    const last = sent;
    await sender.waitForType('ack', (f) => f.clientId === `m${last}`, 10_000);
  }
  for (let i = 0; i < 20; i++) {
    sent++;
    sender.send({ type: 'send', text: `after ${i}`, clientId: `m${sent}` });
  }
  await sender.waitForType('ack', (f) => f.clientId === `m${sent}`, 10_000);
  const lastId = sent;

  // Everyone else kept up, in order and exactly once.
  await observer.waitForType('message', (f) => f.message.id === lastId, 10_000);
  await observer.roundTrip();
  expect(ids(observer.messages())).toEqual(range(1, lastId));
  expect(observer.isOpen).toBe(true);
  return { url, slow, lastId };
}

/** What the slow reader saw (perhaps nothing) is a gapless start of the room; resuming from its last id brings the rest, once. */
async function expectResumeCompletes(url: (user: string, since?: number) => string, slow: TestClient, lastId: number): Promise<void> {
  const seen = ids(slow.messages());
  expect(seen.length).toBeLessThan(lastId);
  expect(seen).toEqual(range(1, seen.length));
  const resumed = await TestClient.connect(url('slow', seen.length));
  await resumed.waitForType('message', (f) => f.message.id === lastId, 15_000);
  await resumed.roundTrip();
  expect(ids(resumed.messages())).toEqual(range(seen.length + 1, lastId));
  expect(resumed.isOpen).toBe(true);
}

describe('WebSocket slow reader', () => {
  it('closes a client that stops reading with 1013; it resumes from its last id and misses nothing', async () => {
    // A long grace: the reader reads again before the server gives up on the close handshake.
    const { url, slow, lastId } = await floodPastASlowReader(60_000);
    // Reading again, the slow reader gets what was buffered for it, then the close.
    slow.ws.resume();
    const closed = await slow.closedWithin(10_000);
    expect(closed.code).toBe(1013);
    expect(slow.messages().length).toBeGreaterThan(0);
    await expectResumeCompletes(url, slow, lastId);
  });

  it('does not keep a reader that never reads again past the close grace: its socket and unread buffer go', async () => {
    const { url, slow, lastId } = await floodPastASlowReader(100);
    // Still not reading, the reader pings. While the server keeps the socket, a ping is taken in
    // silence; once it has destroyed it, the kernel answers a ping with a reset. Without the
    // grace that takes ws's 30 s, well past this wait.
    await waitFor(
      () => {
        if (slow.isOpen) slow.ws.ping();
        return !slow.isOpen;
      },
      5000,
      'the server to drop the slow reader',
      50,
    );
    // No close frame: it was queued behind the data that was dropped.
    expect((await slow.closedWithin(1000)).code).toBe(1006);
    await expectResumeCompletes(url, slow, lastId);
  });

  it('does not take a client catching up on a long backlog for a slow reader', async () => {
    const server = await startTestServer({ ...NO_SEND_LIMITS, maxText: 20_000, maxBufferedBytes: 64 * 1024 });
    const text = 'z'.repeat(10_000);
    // 6 MB of history, a hundred times the bound, handed over in pages as fast as the reader takes them.
    for (let i = 1; i <= 600; i++) await server.store.append('lobby', { user: 'bob', text }, Date.now());
    const reader = await TestClient.connect(wsUrl(server.url, { room: 'lobby', user: 'reader', since: 0 }));
    await reader.waitForType('message', (f) => f.message.id === 600, 15_000);
    await reader.roundTrip();
    expect(ids(reader.messages())).toEqual(range(1, 600));
    expect(reader.isOpen).toBe(true);
  });
});
