import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { makeClient, waitForState } from '../helpers/chat-clients.js';
import { closedPort } from '../helpers/serve-on-port.js';

describe.each(TRANSPORT_KINDS)('%s against a port nothing listens on', (transport) => {
  it('waits to retry with the failure as data: unreachable, ECONNREFUSED, the server it tried', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    const { client } = makeClient({ server, room: 'lobby', user: 'alice', transport, backoff: { baseMs: 60_000, capMs: 60_000 } });
    client.connect();
    const state = await waitForState(client, (s) => s.status === 'reconnecting', 5000, 'the first retry wait');
    expect(state).toMatchObject({ status: 'reconnecting', attempt: 1, failure: { code: 'unreachable', server, errno: 'ECONNREFUSED' } });
  });
});
