import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions, ConnectionState } from '../../src/transports/types.js';
import { connected, makeClient, waitForState } from '../helpers/chat-clients.js';
import { freeLowPort } from '../helpers/serve-on-port.js';
import { startTestServer } from '../helpers/server.js';

const options = (server: RunningServer, transport: ClientOptions['transport'], extra: Partial<ClientOptions> = {}): ClientOptions => ({
  server: server.url,
  room: 'lobby',
  user: 'alice',
  transport,
  interval: 50,
  ...extra,
});

describe('auto', () => {
  it('settles on ws when the server offers it', async () => {
    const server = await startTestServer();
    const { client, log } = await connected(options(server, 'auto'));
    expect(client.state).toMatchObject({ status: 'open', transport: 'ws' });
    expect(log.fallbacks).toEqual([]);
  });

  it('falls back to sse when the ws upgrade is refused, saying why', async () => {
    const server = await startTestServer({ transports: new Set<TransportKind>(['sse', 'longpoll', 'poll']) });
    const { client, log } = await connected(options(server, 'auto'));
    expect(client.state).toMatchObject({ status: 'open', transport: 'sse' });
    expect(client.stats().transport).toBe('sse');
    expect(log.fallbacks).toEqual([{ from: 'ws', to: 'sse', reason: expect.stringMatching(/^ws upgrade refused, 404 transport_disabled/) }]);
    // It went straight on, without a reconnect wait.
    expect(log.states.map((s) => s.status)).toEqual(['connecting', 'connecting', 'open']);
    // And it works there.
    client.send('over sse');
    await waitForState(client, () => client.stats().messagesReceived === 1, 5000, 'message over sse');
  });

  it('walks the whole order down to poll', async () => {
    const server = await startTestServer({ transports: new Set<TransportKind>(['poll']) });
    const { client, log } = await connected(options(server, 'auto'));
    expect(client.state).toMatchObject({ status: 'open', transport: 'poll' });
    expect(log.fallbacks.map((f) => `${f.from}→${f.to}`)).toEqual(['ws→sse', 'sse→longpoll', 'longpoll→poll']);
    expect(log.fallbacks[1]!.reason).toMatch(/^sse stream refused, 404/);
  });

  it('falls back when the upgrade does not finish in time', async () => {
    const server = await startTestServer();
    // An open timeout shorter than any upgrade can take stands in for a proxy that holds upgrades.
    const made = makeClient(options(server, 'auto', { openTimeoutMs: 1 }));
    made.client.connect();
    await waitForState(made.client, () => made.log.fallbacks.length > 0, 5000, 'a fallback');
    expect(made.log.fallbacks[0]).toMatchObject({ from: 'ws', to: 'sse', reason: 'ws upgrade timed out after 1 ms' });
  });

  it('does not fall back when the server is unreachable: it reconnects to ws with backoff', async () => {
    const made = makeClient({ server: `http://127.0.0.1:${await freeLowPort()}`, room: 'lobby', user: 'alice', transport: 'auto', backoff: { baseMs: 20, capMs: 40 } });
    made.client.connect();
    await waitForState(made.client, (s) => s.status === 'reconnecting' && s.attempt >= 3, 5000, 'third attempt');
    expect(made.log.fallbacks).toEqual([]);
    expect(made.log.states.filter((s) => s.status === 'connecting').every((s) => s.transport === 'ws')).toBe(true);
    expect(made.log.states.find((s) => s.status === 'reconnecting')).toMatchObject({ reason: expect.stringMatching(/^ws upgrade failed: .*ECONNREFUSED/) });
  });
});

describe.each([...TRANSPORT_KINDS, 'auto'] as const)('a wrong token over %s', (transport) => {
  it('stops with cause unauthorized and a clear reason, without retrying', async () => {
    const server = await startTestServer({ token: 'secret' });
    const made = makeClient(options(server, transport, { token: 'wrong' }));
    made.client.connect();
    const closed = (await waitForState(made.client, (s) => s.status === 'closed', 5000, 'closed')) as Extract<ConnectionState, { status: 'closed' }>;
    expect(closed.cause).toBe('unauthorized');
    expect(closed.reason).toMatch(/refused, 401 unauthorized: the token is not valid/);
    expect(made.log.states.map((s) => s.status)).toEqual(['connecting', 'closed']);
    expect(made.log.fallbacks).toEqual([]);
  });

  it('connects with the right token', async () => {
    const server = await startTestServer({ token: 'secret' });
    const { client } = await connected(options(server, transport, { token: 'secret' }));
    client.send('authorised');
    await waitForState(client, () => client.stats().messagesSent === 1, 5000, 'ack');
  });
});
