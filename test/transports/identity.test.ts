import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { mintToken } from '../../src/server/request/identity.js';
import type { ConnectionState } from '../../src/transports/types.js';
import { connected, makeClient, waitForState } from '../helpers/chat-clients.js';
import { startTestServer } from '../helpers/server.js';

const SECRET = 'thirty-two-bytes-of-secret-at-least';

describe.each([...TRANSPORT_KINDS, 'auto'] as const)('a signed identity over %s, as termchat join --token sends it', (transport) => {
  it('connects and sends as the name the token holds', async () => {
    const server = await startTestServer({ jwtSecret: SECRET });
    const token = await mintToken(SECRET, 'alice', 60_000);
    const { client } = await connected({ server: server.url, room: 'lobby', user: 'alice', transport, interval: 50, token });
    client.send('signed');
    await waitForState(client, () => client.stats().messagesSent === 1, 5000, 'ack');
    expect((await server.store.since('lobby', 0, 10)).messages.map((m) => m.user)).toEqual(['alice']);
  });

  it('stops, without retrying or falling back, under another name', async () => {
    const server = await startTestServer({ jwtSecret: SECRET });
    const token = await mintToken(SECRET, 'alice', 60_000);
    const made = makeClient({ server: server.url, room: 'lobby', user: 'bob', transport, interval: 50, token });
    made.client.connect();
    const closed = (await waitForState(made.client, (s) => s.status === 'closed', 5000, 'closed')) as Extract<ConnectionState, { status: 'closed' }>;
    expect(closed.cause).toBe('forbidden');
    expect(closed.reason).toMatch(/refused, 403 name_mismatch: the token is "alice"'s; it cannot act as "bob"/);
    expect(made.log.states.map((s) => s.status)).toEqual(['connecting', 'closed']);
    expect(made.log.fallbacks).toEqual([]);
  });

  it('stops as unauthorized once its token has expired', async () => {
    const server = await startTestServer({ jwtSecret: SECRET });
    const token = await mintToken(SECRET, 'alice', 60_000, () => Date.now() - 120_000);
    const made = makeClient({ server: server.url, room: 'lobby', user: 'alice', transport, interval: 50, token });
    made.client.connect();
    const closed = (await waitForState(made.client, (s) => s.status === 'closed', 5000, 'closed')) as Extract<ConnectionState, { status: 'closed' }>;
    expect(closed.cause).toBe('unauthorized');
    expect(closed.reason).toMatch(/401 token_expired/);
    expect(made.log.fallbacks).toEqual([]);
  });
});
