import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type ReadPosition, type TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { connected } from '../helpers/chat-clients.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

function options(server: RunningServer, user: string, transport: TransportKind, extra: Partial<ClientOptions> = {}): ClientOptions {
  return { server: server.url, room: 'lobby', user, transport, interval: 50, presenceIntervalMs: 100, ...extra };
}

/** Every position a client has heard, latest per user. */
function positions(client: { on(event: 'reads', listener: (reads: readonly ReadPosition[]) => void): unknown }): Map<string, number> {
  const heard = new Map<string, number>();
  client.on('reads', (reads) => {
    for (const { user, id } of reads) heard.set(user, Math.max(heard.get(user) ?? 0, id));
  });
  return heard;
}

describe.each(TRANSPORT_KINDS)('read receipts over %s', (kind) => {
  it('a reader tells how far it read; the sender hears it, on the same transport', async () => {
    const server = await startTestServer();
    const sender = await connected(options(server, 'sender', kind));
    const reader = await connected(options(server, 'reader', kind));
    const seen = positions(sender.client);
    sender.client.send('did you read this?');
    await waitFor(() => reader.log.messages.length === 1, 5000, 'the reader to receive it');
    const id = reader.log.messages[0]!.id;
    reader.client.markRead(id);
    await waitFor(() => seen.get('reader') === id, 5000, `the sender to hear the reader got to #${id}`);
    expect(server.metrics).toBeDefined();
    expect((await (await fetch(`${server.url}/reads?room=lobby`)).json()) as unknown).toEqual({ room: 'lobby', reads: [{ user: 'reader', id }] });
  });

  it('with receipts off, tells nothing and hears nothing', async () => {
    const server = await startTestServer();
    const private_ = await connected(options(server, 'private', kind, { receipts: false }));
    const other = await connected(options(server, 'other', kind));
    const heard = positions(private_.client);
    const otherHeard = positions(other.client);
    other.client.send('one');
    await waitFor(() => private_.log.messages.length === 1 && other.log.messages.length === 1, 5000, 'delivery');
    private_.client.markRead(private_.log.messages[0]!.id);
    other.client.markRead(other.log.messages[0]!.id);
    // Once the other's position is kept, the private reader's would have been too, had it told it.
    await waitFor(async () => ((await (await fetch(`${server.url}/reads?room=lobby`)).json()) as { reads: ReadPosition[] }).reads.length === 1, 5000, 'the other position kept');
    const kept = ((await (await fetch(`${server.url}/reads?room=lobby`)).json()) as { reads: ReadPosition[] }).reads;
    expect(kept.map((r) => r.user)).toEqual(['other']);
    // The room was told of the other's position (the other hears its own), and a message the
    // private client sends after that comes back after any news that went out before it.
    await waitFor(() => otherHeard.get('other') !== undefined, 5000, 'the room told of the other position');
    private_.client.send('after the news');
    await waitFor(() => private_.log.messages.some((m) => m.text === 'after the news'), 5000, 'the private client’s own message back');
    expect(heard.size).toBe(0);
  });
});
