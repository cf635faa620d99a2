import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { makeClient } from '../helpers/chat-clients.js';
import { postMessage } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe.each(TRANSPORT_KINDS)('a %s client resuming from before what the server keeps', (kind) => {
  it('is told once where the history begins, delivers what is kept, and resumes from there after', async () => {
    const server = await startTestServer({ rate: undefined, history: 3 });
    for (let i = 1; i <= 5; i++) await postMessage(server.url, { user: 'bob', text: `m${i}` });
    const { client, log } = makeClient({ server: server.url, room: 'lobby', user: 'alice', transport: kind, interval: 50, since: 1 });
    const trimmed: { firstId: number }[] = [];
    client.on('trimmed', (info) => trimmed.push({ ...info }));
    client.connect();
    await waitFor(() => log.messages.length === 3, 5000, 'the kept messages');
    expect(log.messages.map((m) => m.id)).toEqual([3, 4, 5]);
    expect(trimmed).toEqual([{ firstId: 3 }]);

    // Later messages and a reconnect say nothing more about it.
    await postMessage(server.url, { user: 'bob', text: 'm6' });
    await waitFor(() => log.messages.length === 4, 5000, 'the next message');
    client.switchTransport(kind);
    await waitFor(() => client.state.status === 'open', 5000, 'open again');
    await postMessage(server.url, { user: 'bob', text: 'm7' });
    await waitFor(() => log.messages.length === 5, 5000, 'one more');
    expect(trimmed).toHaveLength(1);
  });
});

describe.each(TRANSPORT_KINDS)('a %s client sending into a room past --max-rooms', (kind) => {
  it('fails the message at once, with the reason, rather than retrying it for ever', async () => {
    const server = await startTestServer({ rate: undefined, maxRooms: 1 });
    await postMessage(server.url, { user: 'bob', text: 'the one room' }, 'taken');
    const { client, log } = makeClient({ server: server.url, room: 'lobby', user: 'alice', transport: kind, interval: 50 });
    client.connect();
    await waitFor(() => client.state.status === 'open', 5000, 'open');
    client.send('hello?');
    const failed = await waitFor(() => log.failed[0], 5000, 'the refusal');
    expect(failed.error?.code).toBe('too_many_rooms');
    expect(client.stats().pending).toBe(0);
  });
});
