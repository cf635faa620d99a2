import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { makeClient, waitForState } from '../helpers/chat-clients.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startTestRelay } from '../helpers/relay.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** What the server announces; its own sweeps, on the real clock, never come within a test. */
const HEARTBEAT_MS = 10_000;
/** What the client would assume of a server that said nothing: three times as long. */
const ASSUMED_MS = 30_000;

function startServer(): Promise<RunningServer> {
  return startTestServer({ heartbeatSeconds: HEARTBEAT_MS / 1000 });
}

/** A client on a fake clock: moving the clock is the connection going silent. Nothing is slept. */
function clientOn(server: string, transport: TransportKind, clock: FakeClock, extra: Partial<ClientOptions> = {}) {
  return makeClient({ server, room: 'lobby', user: 'alice', transport, clock, random: () => 0, heartbeatMs: ASSUMED_MS, ...extra });
}

/** Lets what the real sockets did while the fake clock moved (a settled request, a frame) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe.each(['ws', 'sse'] as const)('%s: a silent connection', (transport) => {
  it('is dropped after the heartbeat welcome announced and its grace, not the one assumed, and reconnected from the base delay', async () => {
    const server = await startServer();
    const clock = new FakeClock();
    // No ping of its own within the test: its pong would be a frame.
    const { client, log } = clientOn(server.url, transport, clock, { pingIntervalMs: 10 * ASSUMED_MS });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');

    clock.advance(2 * HEARTBEAT_MS - 1);
    expect(client.state.status).toBe('open');
    clock.advance(1);
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 1, delayMs: 500, retryAt: clock.now() + 500 });
    expect(log.states.at(-1)).toMatchObject({ reason: 'no frame, ping or keep-alive for 20.0 s (a heartbeat of 10.0 s and a grace of 10.0 s)' });

    clock.advance(500);
    await waitForState(client, (s) => s.status === 'open', 5000, 'open again');
    expect(client.stats().reconnects).toBe(1);
  });

  it('stays open while frames keep coming', async () => {
    const server = await startServer();
    const clock = new FakeClock();
    const { client } = clientOn(server.url, transport, clock, { pingIntervalMs: 10 * ASSUMED_MS });
    const other = clientOn(server.url, 'ws', new FakeClock(), { user: 'bob' });
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

/**
 * Per transport, through a blackhole: when silence shows as quiet (the heartbeat, a long poll's
 * wait or a short poll's interval, and half the grace) and when the link is called dead, with why.
 */
const BLACKHOLED: Readonly<Record<TransportKind, { readonly quietAfter: number; readonly deadAt: number; readonly reason: string }>> = {
  ws: { quietAfter: 15_000, deadAt: 20_000, reason: 'no frame, ping or keep-alive for 20.0 s (a heartbeat of 10.0 s and a grace of 10.0 s)' },
  sse: { quietAfter: 15_000, deadAt: 20_000, reason: 'no frame, ping or keep-alive for 20.0 s (a heartbeat of 10.0 s and a grace of 10.0 s)' },
  // The held poll asks for a heartbeat's wait, not its own 25 s, and is given the wait and a grace.
  longpoll: { quietAfter: 15_000, deadAt: 20_000, reason: 'long poll: no answer within 20.0 s' },
  // A poll every 1.8 s (2 s less a tenth, as random() is 0), abandoned 2 s after it went out.
  poll: { quietAfter: 3000, deadAt: 3800, reason: 'poll: no answer within 2.0 s' },
};

describe.each(TRANSPORT_KINDS)('%s through a blackhole', (transport) => {
  it('shows the link quiet once overdue, then calls it dead at its bound', async () => {
    const server = await startServer();
    const relay = await startTestRelay(server.url);
    const clock = new FakeClock();
    const { client, log } = clientOn(relay.url, transport, clock, { interval: 2000 });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    // A long poll's held request goes out just after the answer that opened it (with the presence
    // fetch); its deadline runs from there.
    if (transport === 'longpoll') await waitFor(() => client.counters().requests >= 3, 5000, 'the held poll sent');
    relay.apply({ kind: 'blackhole', on: true });
    const { quietAfter, deadAt, reason } = BLACKHOLED[transport];

    clock.advance(quietAfter);
    await settle();
    expect(client.stats().quietMs).toBeUndefined();
    clock.advance(1);
    await settle();
    expect(client.state.status).toBe('open');
    expect(client.stats().quietMs).toBe(quietAfter + 1);

    clock.advance(deadAt - quietAfter - 2);
    await settle();
    expect(client.state.status).toBe('open');
    clock.advance(1);
    await settle();
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 1, reason });
    expect(log.states.filter((s) => s.status === 'reconnecting')).toHaveLength(1);
    // Before the server closes: its goodbye to a blackholed socket would wait out its grace.
    await relay.close();
  });
});

describe('ws: ping frames, for the round-trip figure and as the client heartbeat', () => {
  it('go once every heartbeat the server announced, the first at a random point of the first', async () => {
    const server = await startServer();
    const clock = new FakeClock();
    const { client, log } = clientOn(server.url, 'ws', clock, { random: () => 0.5 });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    // Frames keep their order on the socket: once a message sent after the clock moved is
    // acknowledged, a ping sent before it would have been answered.
    const roundTrip = async (text: string): Promise<void> => {
      client.send(text);
      await waitFor(() => log.acks.some((entry) => entry.text === text), 5000, `ack of ${text}`);
    };
    clock.advance(HEARTBEAT_MS / 2 - 1);
    await roundTrip('before the first ping');
    expect(client.stats().pingRtt).toBeUndefined();
    clock.advance(1);
    await roundTrip('after the first ping');
    expect(client.stats().pingRtt).toBe(0);

    // Moving 2 ms past a ping before its pong can arrive makes that pong's round trip 1 ms of the
    // fake clock: no ping half a heartbeat later, one a heartbeat later.
    clock.advance(HEARTBEAT_MS / 2 + 1);
    await roundTrip('half a heartbeat later');
    expect(client.stats().pingRtt).toBe(0);
    clock.advance(HEARTBEAT_MS / 2 - 2);
    await roundTrip('just before the second ping');
    expect(client.stats().pingRtt).toBe(0);
    clock.advance(2);
    await roundTrip('after the second ping');
    expect(client.stats().pingRtt).toBe(1);
  });
});
