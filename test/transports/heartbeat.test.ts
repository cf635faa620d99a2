import { describe, expect, it } from 'vitest';
import type { TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { makeClient, waitForState } from '../helpers/chat-clients.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const HEARTBEAT_MS = 30_000;

/**
 * A real server whose own heartbeat (30 s) never comes within the test, and a client on a fake
 * clock: moving the clock is the connection going silent. Nothing is slept.
 */
function clientOn(server: RunningServer, transport: TransportKind, clock: FakeClock, extra: Partial<ClientOptions> = {}) {
  return makeClient({ server: server.url, room: 'lobby', user: 'alice', transport, clock, random: () => 0, heartbeatMs: HEARTBEAT_MS, ...extra });
}

describe.each(['ws', 'sse'] as const)('%s: a silent connection', (transport) => {
  it('is dropped after two heartbeats and reconnected from the base delay', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const { client, log } = clientOn(server, transport, clock);
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');

    clock.advance(2 * HEARTBEAT_MS - 1);
    expect(client.state.status).toBe('open');
    clock.advance(1);
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 1, delayMs: 500, retryAt: clock.now() + 500 });
    expect(log.states.at(-1)).toMatchObject({ reason: expect.stringMatching(/two heartbeats of 30000 ms/) });

    clock.advance(500);
    await waitForState(client, (s) => s.status === 'open', 5000, 'open again');
    expect(client.stats().reconnects).toBe(1);
  });

  it('stays open while frames keep coming', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const { client } = clientOn(server, transport, clock);
    const other = clientOn(server, 'ws', new FakeClock(), { user: 'bob' });
    client.connect();
    other.client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    await waitForState(other.client, (s) => s.status === 'open', 5000, 'bob open');

    clock.advance(1.5 * HEARTBEAT_MS);
    other.client.send('a sign of life');
    await waitFor(() => client.stats().messagesReceived === 1, 5000, 'message arrives');
    // 2.5 heartbeats since opening, but only one since the last frame.
    clock.advance(HEARTBEAT_MS);
    expect(client.state.status).toBe('open');
    clock.advance(HEARTBEAT_MS);
    expect(client.state.status).toBe('reconnecting');
  });
});

describe('longpoll: a held request that never returns', () => {
  it('times out after the wait plus the request timeout, and reconnects', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const { client } = clientOn(server, 'longpoll', clock, { longPollWaitMs: 25_000, requestTimeoutMs: 10_000 });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    // The held poll and the presence fetch are out; the server really holds the poll for 25 s of its own time.
    await waitFor(() => client.stats().requests >= 3, 5000, 'held poll sent');
    // The timeout settles the request's promise; let that run before looking.
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    clock.advance(35_000 - 1);
    await settle();
    expect(client.state.status).toBe('open');
    clock.advance(1);
    await settle();
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 1, reason: expect.stringMatching(/^long poll timed out: no answer within 35000 ms/) });
  });
});

describe('ws: ping frames for the round-trip figure', () => {
  it('go after ½ to 1½ of the interval, drawn afresh each time, so clients that connected together do not ping together', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const draws = [0, 0.99];
    const { client, log } = clientOn(server, 'ws', clock, { pingIntervalMs: 5000, random: () => draws.shift() ?? 0.5 });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    // Frames keep their order on the socket: once a message sent after the clock moved is
    // acknowledged, a ping sent before it would have been answered.
    const roundTrip = async (text: string): Promise<void> => {
      client.send(text);
      await waitFor(() => log.acks.some((entry) => entry.text === text), 5000, `ack of ${text}`);
    };
    clock.advance(2500 - 1);
    await roundTrip('before the first ping');
    expect(client.stats().pingRtt).toBeUndefined();
    clock.advance(1);
    await roundTrip('after the first ping');
    expect(client.stats().pingRtt).toBe(0);

    // The second wait is 5000 × 1.49 = 7450 ms, not the first one again. Moving 2 ms past the
    // ping before its pong can arrive makes that pong's round trip 1 ms of the fake clock.
    clock.advance(7450 - 1);
    await roundTrip('before the second ping');
    expect(client.stats().pingRtt).toBe(0);
    clock.advance(2);
    await roundTrip('after the second ping');
    expect(client.stats().pingRtt).toBe(1);
    expect(draws).toEqual([]);
  });
});
