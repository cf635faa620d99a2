import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type TransportKind } from '../../src/protocol/index.js';
import { DIRECT_WHY, openChatNet, type ChatNet } from '../../src/commands/chat-net.js';
import type { ChatClient, ClientOptions } from '../../src/transports/types.js';
import { connected } from '../helpers/chat-clients.js';
import { tryConnect } from '../helpers/relay.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const nets = new Set<ChatNet>();
const clients = new Set<ChatClient>();

afterEach(async () => {
  for (const client of clients) client.close();
  clients.clear();
  await Promise.all([...nets].map((net) => net.close()));
  nets.clear();
});

/** Short enough that a reconnect through the relay takes a fraction of a second. */
const BACKOFF = { baseMs: 50, capMs: 400 };

function options(server: string, user: string, transport: TransportKind): ClientOptions {
  return { server, room: 'lobby', user, transport, interval: 50, presenceIntervalMs: 200, backoff: BACKOFF };
}

async function open(...args: Parameters<typeof openChatNet>): Promise<ChatNet> {
  const net = await openChatNet(...args);
  nets.add(net);
  return net;
}

/** A client the chat's network made, connected and open. */
async function chatClient(net: ChatNet, clientOptions: ClientOptions): Promise<ChatClient> {
  const client = net.createClient(clientOptions);
  clients.add(client);
  client.connect();
  await waitFor(() => client.state.status === 'open', 10_000, `${clientOptions.user} open over ${clientOptions.transport}`);
  return client;
}

/** Sends `text` and resolves with its send → back round trip, ms. */
async function echo(client: ChatClient, text: string): Promise<number> {
  const before = client.stats().echoLatency.count;
  client.send(text);
  await waitFor(() => client.stats().echoLatency.count > before, 10_000, `"${text}" back`);
  return client.stats().echoLatency.last!;
}

describe.each(TRANSPORT_KINDS)("the chat's network on %s", (kind) => {
  it('routes every connection of the client through the relay, which /net moves, and no one else', async () => {
    // A short heartbeat, so that the blackhole's silence is noticed within a second.
    const server = await startTestServer({ ...NO_SEND_LIMITS, heartbeatSeconds: 0.4 });
    const net = await open(server.url, []);
    expect(net.lever.unavailable).toBeUndefined();
    const alice = await chatClient(net, options(server.url, 'alice', kind));
    const bob = await connected(options(server.url, 'bob', kind), 10_000);
    // The client names the real server: the relay is a hop on the way, not a server of its own.
    expect(alice.server).toBe(server.url);

    expect(net.lever.apply({ kind: 'delay', ms: 150, jitterMs: 0 })).toMatchObject({ ok: true, condition: { mode: 'flowing', shaping: { delayMs: 150 } } });
    // Both ways of the round trip are held; the client beside the relay feels none of it.
    expect(await echo(alice, 'held both ways')).toBeGreaterThanOrEqual(290);
    expect(await echo(bob.client, 'straight there')).toBeLessThan(150);

    expect(net.lever.apply({ kind: 'blackhole', on: true })).toMatchObject({ ok: true, condition: { mode: 'blackhole' } });
    const lost = alice.send('sent into the blackhole');
    await waitFor(() => alice.state.status !== 'open', 10_000, 'alice to call the silent link dead');
    expect(bob.log.messages.map((m) => m.text)).not.toContain('sent into the blackhole');

    const healed = net.lever.apply({ kind: 'heal' });
    expect(healed).toMatchObject({ ok: true, condition: { mode: 'flowing', shaping: { delayMs: 0 } } });
    await waitFor(() => bob.log.messages.some((m) => m.clientId === lost.clientId), 15_000, 'the message sent in the blackhole at bob');
    await waitFor(() => alice.stats().pending === 0, 10_000, 'alice acknowledged');
    expect(bob.log.messages.filter((m) => m.clientId === lost.clientId)).toHaveLength(1);
  }, 40_000);
});

describe("the chat's network", () => {
  it('starts in the condition --net asked for, before the first connection', async () => {
    const server = await startTestServer();
    const net = await open(server.url, [{ kind: 'delay', ms: 200, jitterMs: 0 }]);
    expect(net.lever.condition).toMatchObject({ mode: 'flowing', shaping: { delayMs: 200 } });
    const alice = await chatClient(net, options(server.url, 'alice', 'ws'));
    expect(await echo(alice, 'from the start')).toBeGreaterThanOrEqual(390);
  });

  it('keeps a client that switches transport, and a client made anew (/nick, /join), behind the relay', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const net = await open(server.url, [{ kind: 'delay', ms: 150, jitterMs: 0 }]);
    const alice = await chatClient(net, options(server.url, 'alice', 'ws'));
    alice.switchTransport('sse');
    await waitFor(() => alice.state.status === 'open' && alice.transport === 'sse', 10_000, 'alice open on sse');
    expect(await echo(alice, 'over sse now')).toBeGreaterThanOrEqual(290);
    alice.close();
    const again = await chatClient(net, { ...options(server.url, 'alicia', 'longpoll'), since: 1 });
    expect(await echo(again, 'under a new name')).toBeGreaterThanOrEqual(290);
  });

  it('tells subscribers each change once, and stops when told to', async () => {
    const server = await startTestServer();
    const net = await open(server.url, []);
    const seen: string[] = [];
    const stop = net.lever.subscribe((next, previous) => seen.push(`${previous.mode}→${next.mode}`));
    net.lever.apply({ kind: 'blackhole', on: true });
    net.lever.apply({ kind: 'down', ms: 200 });
    // down ends by itself, and says so.
    await waitFor(() => seen.length === 3, 5000, 'down to end by itself');
    stop();
    net.lever.apply({ kind: 'heal' });
    expect(seen).toEqual(['flowing→blackhole', 'blackhole→down', 'down→flowing']);
  });

  it('refuses a change outside the limits without changing anything', async () => {
    const server = await startTestServer();
    const net = await open(server.url, [{ kind: 'rate', bitsPerSecond: 56_000 }]);
    expect(net.lever.apply({ kind: 'delay', ms: -5, jitterMs: 0 })).toEqual({ ok: false, reason: 'delay -5 ± 0 ms is outside 0 to 60000 ms (jitter up to the delay)' });
    expect(net.lever.condition).toMatchObject({ mode: 'flowing', shaping: { delayMs: 0, rateBitsPerSecond: 56_000 } });
  });

  it('puts a relay in front of each instance of a chat, moved together, and the client follows its failover through them', async () => {
    const [one, two] = [await startTestServer(), await startTestServer()];
    const net = await open(`${one.url},${two.url}`, []);
    const alice = await chatClient(net, options(`${one.url},${two.url}`, 'alice', 'ws'));
    expect(alice.server).toBe(one.url);
    const tried = new Set<string>();
    alice.on('state', (state) => {
      if (state.status === 'connecting' && state.server !== undefined) tried.add(state.server);
    });
    // down resets every connection through either relay: each reconnect moves on to the other
    // instance, and finds it down too, until they come back together.
    const downed = net.lever.apply({ kind: 'down', ms: 600 });
    expect(downed).toMatchObject({ ok: true, reset: 1, condition: { mode: 'down' } });
    for (const server of [one.url, two.url]) await expect(tryConnect(alice.options.dial!(server)!.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await waitFor(() => alice.state.status === 'open', 10_000, 'alice open again');
    expect([...tried].sort()).toEqual([one.url, two.url].sort());
  });

  it('with --net off connects directly, and the lever says why it cannot move', async () => {
    const server = await startTestServer();
    const net = await open(server.url, 'off');
    expect(net.lever.unavailable).toBe(DIRECT_WHY);
    expect(net.lever.apply({ kind: 'delay', ms: 100, jitterMs: 0 })).toEqual({ ok: false, reason: DIRECT_WHY });
    const alice = await chatClient(net, options(server.url, 'alice', 'ws'));
    expect(alice.options.dial).toBeUndefined();
  });

  it('leaves no relay listening once closed', async () => {
    const server = await startTestServer();
    const net = await open(server.url, []);
    const alice = await chatClient(net, options(server.url, 'alice', 'sse'));
    const target = alice.options.dial!(server.url)!;
    await tryConnect(target.port);
    alice.close();
    await net.close();
    await expect(tryConnect(target.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
