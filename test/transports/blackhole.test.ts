import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type Message, type TransportKind } from '../../src/protocol/index.js';
import type { OutboxEntry } from '../../src/transports/types.js';
import { connected } from '../helpers/chat-clients.js';
import { startTestRelay } from '../helpers/relay.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const HEARTBEAT_MS = 500;
/** The target: a blackholed link is noticed within two heartbeats and a second, on every transport. */
const BOUND_MS = 2 * HEARTBEAT_MS + 1000;

describe.each(TRANSPORT_KINDS)('%s through a real blackhole', (kind: TransportKind) => {
  it('is noticed within two heartbeats and a second, and after heal nothing sent before, during or after is lost or doubled', async () => {
    const server = await startTestServer({ ...NO_SEND_LIMITS, heartbeatSeconds: HEARTBEAT_MS / 1000 });
    const relay = await startTestRelay(server.url);
    // Bob's link goes through the fault relay; Alice's does not, and keeps talking throughout.
    const bob = await connected({ server: relay.url, room: 'lobby', user: 'bob', transport: kind, interval: 100, openTimeoutMs: 1000, backoff: { baseMs: 100, capMs: 400 } });
    const alice = await connected({ server: server.url, room: 'lobby', user: 'alice', transport: 'ws' });
    const caughtUp: number[] = [];
    bob.client.on('caughtUp', (info) => caughtUp.push(info.count));
    const sent: OutboxEntry[] = [];
    const say = (who: 'alice' | 'bob', text: string): void => void sent.push((who === 'alice' ? alice : bob).client.send(`${who} ${text}`));

    for (let i = 0; i < 3; i++) {
      say('alice', `before ${i}`);
      say('bob', `before ${i}`);
    }
    await waitFor(() => bob.log.messages.length === 6 && bob.client.stats().pending === 0, 5000, 'bob has everything before');

    relay.apply({ kind: 'blackhole', on: true });
    const holedAt = performance.now();
    say('bob', 'into the blackhole');
    let quiet = false;
    await waitFor(
      () => {
        quiet ||= bob.client.stats().quietMs !== undefined;
        return bob.client.state.status === 'reconnecting';
      },
      BOUND_MS + 2000,
      'bob to notice the blackhole',
    );
    const noticedIn = performance.now() - holedAt;
    expect(noticedIn).toBeLessThan(BOUND_MS);
    // The status bar could say the link was going quiet before it was called dead.
    expect(quiet).toBe(true);
    expect(bob.client.state).toMatchObject({ status: 'reconnecting', attempt: 1 });

    for (let i = 0; i < 3; i++) say('alice', `during ${i}`);
    say('bob', 'while reconnecting');
    await waitFor(() => alice.log.messages.filter((m) => m.user === 'alice').length === 6, 5000, 'alice has her own');
    relay.apply({ kind: 'heal' });
    await waitFor(() => bob.client.state.status === 'open', 10_000, 'bob back');
    for (let i = 0; i < 2; i++) {
      say('alice', `after ${i}`);
      say('bob', `after ${i}`);
    }

    const expected = sent.length;
    await waitFor(() => bob.log.messages.length >= expected && alice.log.messages.length >= expected && bob.client.stats().pending === 0, 10_000, 'everyone has everything');
    const stored = (await server.store.since('lobby', 0, 100)).messages;
    // Every message once, in order, each client holding exactly what was stored.
    expect(stored.map((m: Message) => m.id)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.map((m) => m.clientId).sort()).toEqual(sent.map((e) => e.clientId).sort());
    expect(bob.log.messages).toEqual(stored);
    expect(alice.log.messages).toEqual(stored);
    // What waited out the outage came as catch-up, said once, and is no latency of the network's.
    expect(caughtUp).toHaveLength(1);
    expect(caughtUp[0]).toBeGreaterThanOrEqual(3);
    const latency = bob.client.stats().oneWayLatency;
    expect(latency.count).toBeGreaterThan(0);
    expect(Math.max(...latency.recent)).toBeLessThan(noticedIn);
  });
});
