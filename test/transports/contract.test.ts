import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { connected } from '../helpers/chat-clients.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** Short intervals so a poll client shows its behaviour in a fraction of a second. */
function options(server: RunningServer, user: string, transport: TransportKind, extra: Partial<ClientOptions> = {}): ClientOptions {
  return { server: server.url, room: 'lobby', user, transport, interval: 50, presenceIntervalMs: 100, pingIntervalMs: 100, ...extra };
}

/** Transports that receive typing and presence as they happen. */
const STREAMING: readonly TransportKind[] = ['ws', 'sse'];

describe.each(TRANSPORT_KINDS)('%s transport contract', (kind) => {
  it('two clients chat: each sees the other, in order; acks carry the server id', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const alice = await connected(options(server, 'alice', kind));
    const bob = await connected(options(server, 'bob', kind));

    const hello = alice.client.send('hello bob');
    expect(['pending', 'sent']).toContain(hello.status);
    await waitFor(() => bob.log.messages.some((m) => m.text === 'hello bob'), 5000, 'bob sees hello');
    bob.client.send('hi alice');
    bob.client.send('how are you?');
    await waitFor(() => alice.log.messages.length === 3, 5000, 'alice sees all three');

    const stored = (await server.store.since('lobby', 0, 100)).messages;
    expect(stored.map((m) => m.text)).toEqual(['hello bob', 'hi alice', 'how are you?']);
    await waitFor(() => bob.log.messages.length === 3 && alice.log.acks.length === 1 && bob.log.acks.length === 2, 5000, 'all acks and echoes');
    for (const log of [alice.log, bob.log]) expect(log.messages).toEqual(stored);
    expect(alice.log.acks[0]).toMatchObject({ clientId: hello.clientId, id: stored[0]!.id, status: 'acked' });
    expect(bob.log.acks.map((a) => a.id)).toEqual([stored[1]!.id, stored[2]!.id]);
    expect(alice.client.stats().pending).toBe(0);
  });

  it('counts what happened: messages, latencies, requests, connections and bytes', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const alice = await connected(options(server, 'alice', kind));
    const bob = await connected(options(server, 'bob', kind));
    alice.client.send('one');
    await waitFor(() => alice.log.messages.length === 1 && bob.log.messages.length === 1, 5000, 'delivery');
    await waitFor(() => alice.client.stats().messagesSent === 1, 5000, 'ack counted');

    const a = alice.client.stats();
    expect(a).toMatchObject({ state: 'open', transport: kind, messagesSent: 1, messagesReceived: 1, pending: 0, reconnects: 0, duplicatesDropped: 0 });
    expect(a.echoLatency.count).toBe(1);
    expect(a.echoLatency.last).toBeGreaterThanOrEqual(0);
    expect(a.echoLatency.recent).toHaveLength(1);
    const b = bob.client.stats();
    expect(b.oneWayLatency.count).toBe(1);
    expect(b.oneWayLatency.p95).toBeGreaterThanOrEqual(0);
    for (const s of [a, b]) {
      expect(s.requests).toBeGreaterThanOrEqual(1);
      expect(s.tcpConnections).toBeGreaterThanOrEqual(1);
      expect(s.bytesSent).toBeGreaterThan(0);
      expect(s.bytesReceived).toBeGreaterThan(0);
      expect(s.overheadBytesPerMessage).toBeGreaterThan(0);
    }
    if (kind === 'ws') {
      // One upgrade request, one socket; the ping frames measure the round trip.
      expect(a.requests).toBe(1);
      expect(a.tcpConnections).toBe(1);
      await waitFor(() => alice.client.stats().pingRtt !== undefined, 5000, 'ping rtt');
      expect(a.polls).toBeUndefined();
    } else if (kind === 'sse') {
      // The stream, and the POST on a connection of its own.
      expect(a.tcpConnections).toBe(2);
      expect(a.polls).toBeUndefined();
    } else {
      expect(a.polls).toBeGreaterThanOrEqual(1);
      expect(a.pingRtt).toBeUndefined();
    }
  });

  it('shows who is online', async () => {
    const server = await startTestServer();
    const alice = await connected(options(server, 'alice', kind));
    const bob = await connected(options(server, 'bob', kind));
    await waitFor(() => alice.client.online.some((e) => e.user === 'bob' && e.transport === kind), 5000, 'alice sees bob online');
    expect(alice.log.online).toEqual(alice.client.online);
    expect(alice.log.presence).toContainEqual(expect.objectContaining({ event: 'join', user: 'bob', transport: kind }));
    await waitFor(() => bob.client.online.some((e) => e.user === 'alice'), 5000, 'bob sees alice online');
    if (STREAMING.includes(kind)) {
      // Pollers stay online for a lease after their last request; streams leave when they close.
      bob.client.close();
      await waitFor(() => alice.log.presence.some((e) => e.event === 'leave' && e.user === 'bob'), 5000, 'alice sees bob leave');
      expect(alice.client.online.some((e) => e.user === 'bob')).toBe(false);
    }
  });

  it('sends typing, and receives it where the transport can', async () => {
    const server = await startTestServer();
    // A ws listener receives typing whatever transport the typist uses.
    const listener = await connected(options(server, 'listener', 'ws'));
    const typist = await connected(options(server, 'typist', kind));
    const peer = STREAMING.includes(kind) ? await connected(options(server, 'peer', kind)) : undefined;
    typist.client.typing();
    typist.client.typing(); // throttled: at most one every TYPING_INTERVAL_MS goes out
    await waitFor(() => listener.log.typing.includes('typist'), 5000, 'listener sees typing');
    if (peer !== undefined) await waitFor(() => peer.log.typing.includes('typist'), 5000, `${kind} peer sees typing`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listener.log.typing).toEqual(['typist']);
  });
});

describe('poll transport costs', () => {
  it('wastes more and more polls in a quiet room, one new TCP connection per request', async () => {
    const server = await startTestServer();
    const { client } = await connected(options(server, 'alice', 'poll', { presenceIntervalMs: 60_000 }));
    client.send('the only message');
    await waitFor(() => client.stats().messagesReceived === 1, 5000, 'message polled back');
    const early = client.stats();
    await waitFor(() => client.stats().polls! >= early.polls! + 10, 5000, 'ten more polls');
    const later = client.stats();
    expect(later.emptyPolls! - early.emptyPolls!).toBeGreaterThanOrEqual(10);
    expect(later.wastedPollsPercent!).toBeGreaterThan(early.wastedPollsPercent!);
    // Every poll, post and presence fetch had a connection of its own.
    expect(later.tcpConnections).toBe(later.requests);
    expect(later.tcpConnections).toBeGreaterThanOrEqual(later.polls!);
    expect(later.requestsPerSecond).toBeGreaterThan(1);
  });

  it('with keepalive reuses one connection', async () => {
    const server = await startTestServer();
    const { client } = await connected(options(server, 'alice', 'poll', { keepalive: true, presenceIntervalMs: 60_000 }));
    await waitFor(() => client.stats().polls! >= 15, 5000, 'fifteen polls');
    client.send('still one connection');
    await waitFor(() => client.stats().messagesReceived === 1, 5000, 'message polled back');
    const stats = client.stats();
    // A poll and a post in flight together may need a second socket; never one per request.
    expect(stats.tcpConnections).toBeLessThanOrEqual(2);
    expect(stats.requests).toBeGreaterThanOrEqual(16);
  });
});
