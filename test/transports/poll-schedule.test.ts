import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { makeClient, waitForState } from '../helpers/chat-clients.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/**
 * A short poller on a fake clock against a real server: moving the clock is time passing between
 * requests. Without read receipts, whose positions a poller would ask for after each presence.
 */
function poller(server: RunningServer, clock: FakeClock, extra: Partial<ClientOptions> = {}) {
  return makeClient({ server: server.url, room: 'lobby', user: 'alice', transport: 'poll', clock, random: () => 0.5, interval: 100, presenceIntervalMs: 60_000, receipts: false, ...extra });
}

describe('short polling schedule', () => {
  it('keeps its interval from the start of each poll, whatever the answer took', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const { client } = poller(server, clock);
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    const polls = client.stats().polls ?? 0;
    const requests = client.stats().requests;

    clock.advance(100);
    expect(client.stats().requests).toBe(requests + 1);
    // The poll takes 40 ms to come back: the next one is due 60 ms after the answer.
    clock.advance(40);
    await waitFor(() => (client.stats().polls ?? 0) > polls, 5000, 'the second poll answered');
    clock.advance(59);
    expect(client.stats().requests).toBe(requests + 1);
    clock.advance(1);
    expect(client.stats().requests).toBe(requests + 2);
  });

  it('draws each wait from 0.9 to 1.1 of the interval, so pollers that opened together drift apart', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const { client } = poller(server, clock, { random: () => 0 });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    const requests = client.stats().requests;

    clock.advance(89);
    expect(client.stats().requests).toBe(requests);
    clock.advance(1);
    expect(client.stats().requests).toBe(requests + 1);
  });

  it('asks for presence again after a spread of half to one and a half intervals', async () => {
    const server = await startTestServer();
    const clock = new FakeClock();
    const { client, log } = poller(server, clock, { interval: 60_000, presenceIntervalMs: 1000, random: () => 0 });
    client.connect();
    await waitForState(client, (s) => s.status === 'open', 5000, 'open');
    await waitFor(() => log.online.length > 0, 5000, 'the first presence answer');
    const requests = client.stats().requests;

    clock.advance(499);
    expect(client.stats().requests).toBe(requests);
    clock.advance(1);
    expect(client.stats().requests).toBe(requests + 1);
  });
});
