import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { connected, waitForState } from '../helpers/chat-clients.js';
import { freeLowPort } from '../helpers/serve-on-port.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const options = (server: RunningServer | string, user: string, transport: TransportKind, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  server: typeof server === 'string' ? server : server.url,
  room: 'lobby',
  user,
  transport,
  interval: 50,
  backoff: { baseMs: 50, capMs: 200 },
  ...extra,
});

describe.each(['ws', 'poll'] as const)('rate limited over %s', (transport) => {
  it('holds refused sends until the server says, then stores each once, in order', async () => {
    const server = await startTestServer({ rate: { count: 2, perSeconds: 0.5 } });
    const { client, log } = await connected(options(server, 'alice', transport));
    const texts = ['one', 'two', 'three', 'four'];
    for (const text of texts) client.send(text);
    await waitFor(() => log.acks.length === 4, 8000, 'all four acknowledged');
    const stored = (await server.store.since('lobby', 0, 10)).messages;
    expect(stored.map((m) => m.text)).toEqual(texts);
    expect(log.acks.map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(log.failed).toEqual([]);
    expect(client.state.status).toBe('open');
  });
});

describe.each(TRANSPORT_KINDS)('%s: the server comes back with new history', (transport) => {
  it('emits reset and starts again from 0', async () => {
    const port = await freeLowPort();
    let server = await startTestServer({ port });
    const { client, log } = await connected(options(server, 'alice', transport));
    client.send('old history 1');
    client.send('old history 2');
    await waitFor(() => log.messages.length === 2, 5000, 'old messages');
    const oldEpoch = server.store.epoch;
    await server.close();
    await waitForState(client, (s) => s.status === 'reconnecting', 5000, 'reconnecting');

    server = await startTestServer({ port });
    await waitFor(() => log.resets.length === 1 && client.state.status === 'open', 10_000, 'reset and open');
    expect(log.resets[0]).toEqual({ previousEpoch: oldEpoch, epoch: server.store.epoch });
    expect(client.state).toMatchObject({ status: 'open', since: 0 });
    client.send('new history 1');
    await waitFor(() => log.messages.length === 3, 5000, 'new message');
    expect(log.messages.map((m) => `${m.id} ${m.text}`)).toEqual(['1 old history 1', '2 old history 2', '1 new history 1']);
  });
});

describe('switching transport live', () => {
  it('moves from ws to poll, sse and longpoll without a gap or a repeat', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const alice = await connected(options(server, 'alice', 'ws'));
    const bob = await connected(options(server, 'bob', 'ws'));
    const sent: string[] = [];
    const say = (text: string): void => {
      sent.push(text);
      bob.client.send(text);
    };
    for (const next of ['poll', 'sse', 'longpoll'] as const) {
      for (let i = 0; i < 5; i++) say(`before ${next} ${i}`);
      alice.client.switchTransport(next);
      for (let i = 0; i < 5; i++) say(`during ${next} ${i}`);
      await waitForState(alice.client, (s) => s.status === 'open' && s.transport === next, 5000, `open over ${next}`);
    }
    await waitFor(() => alice.log.messages.length === sent.length, 5000, 'everything arrived');
    expect(alice.log.messages.map((m) => m.text)).toEqual(sent);
  });
});
