import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type GetMessagesResponse, type Message, type TransportKind } from '../../src/protocol/index.js';
import type { ClientOptions, ConnectionState, OutboxEntry } from '../../src/transports/types.js';
import { connected, type TestClient } from '../helpers/chat-clients.js';
import { freeLowPort, spawnServeOnPort } from '../helpers/serve-on-port.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const BACKOFF = { baseMs: 50, capMs: 400 };

/** Everything the server stored in the room, by GET /messages from 0, page by page. */
async function storedMessages(url: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const res = await fetch(`${url}/messages?room=lobby&since=${all.at(-1)?.id ?? 0}`);
    const page = (await res.json()) as GetMessagesResponse;
    all.push(...page.messages);
    if (!page.hasMore) return all;
  }
}

type Reconnecting = Extract<ConnectionState, { status: 'reconnecting' }>;
const reconnectingStates = (states: readonly ConnectionState[]): Reconnecting[] => states.filter((s): s is Reconnecting => s.status === 'reconnecting');

describe.each(TRANSPORT_KINDS)('%s: the server is SIGKILLed and restarted on the same file and port', (kind: TransportKind) => {
  it('queues sends while down, backs off, resumes: every client has exactly what the server stored', async () => {
    const db = join(tempDir(), 'chat.db');
    const port = await freeLowPort();
    const args = ['--db', db, '--rate', '0', '--address-rate', '0'];
    let serve = await spawnServeOnPort(port, args);
    const options = (user: string): ClientOptions => ({ server: serve.url, room: 'lobby', user, transport: kind, interval: 50, presenceIntervalMs: 200, backoff: BACKOFF });
    const alice = await connected(options('alice'), 10_000);
    const bob = await connected(options('bob'), 10_000);
    const clients: TestClient[] = [alice, bob];
    const sent: OutboxEntry[] = [];

    for (let i = 0; i < 5; i++) sent.push(alice.client.send(`alice before ${i}`), bob.client.send(`bob before ${i}`));
    await waitFor(() => clients.every((c) => c.log.messages.length === 10), 10_000, 'ten messages everywhere');

    // Killed with sends still in flight: some stored and unacknowledged, some never arrived.
    for (let i = 0; i < 3; i++) sent.push(alice.client.send(`alice in flight ${i}`), bob.client.send(`bob in flight ${i}`));
    const statesAtKill = clients.map((c) => c.log.states.length);
    await serve.kill();

    await waitFor(() => clients.every((c) => c.client.state.status === 'reconnecting'), 10_000, 'both reconnecting');
    const down = [alice.client.send('alice while down 1'), bob.client.send('bob while down'), alice.client.send('alice while down 2')];
    expect(down.map((e) => e.status)).toEqual(['pending', 'pending', 'pending']);
    expect(alice.client.stats().pending).toBeGreaterThanOrEqual(2);
    sent.push(...down);
    // Let the backoff climb to the cap while the server stays away.
    await waitFor(() => clients.every((c) => reconnectingStates(c.log.states).some((s) => s.attempt >= 5)), 10_000, 'five failed attempts');

    serve = await spawnServeOnPort(port, args);
    await waitFor(() => clients.every((c) => c.client.state.status === 'open' && c.client.stats().pending === 0), 10_000, 'both open with an empty outbox');
    const stored = await storedMessages(serve.url);
    await waitFor(() => clients.every((c) => c.log.messages.length >= stored.length), 10_000, 'both caught up');

    // Nothing lost, nothing twice, in order: each client holds exactly the stored history.
    expect(stored.map((m) => m.id)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.map((m) => m.clientId).sort()).toEqual(sent.map((e) => e.clientId).sort());
    for (const c of clients) expect(c.log.messages).toEqual(stored);
    // Each client's own messages are in the order it sent them.
    for (const user of ['alice', 'bob']) {
      expect(stored.filter((m) => m.user === user).map((m) => m.text)).toEqual(sent.filter((e) => e.text.startsWith(user)).map((e) => e.text));
    }
    for (const [i, c] of clients.entries()) {
      // The drop restarts the backoff at attempt 1; each failure while down makes the next wait longer until the cap.
      const retries = reconnectingStates(c.log.states.slice(statesAtKill[i]));
      expect(retries.map((s) => s.attempt).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
      const delays = retries.slice(0, 4).map((s) => s.delayMs);
      for (let k = 1; k < delays.length; k++) expect(delays[k]).toBeGreaterThanOrEqual(delays[k - 1]!);
      expect(delays[0]).toBeLessThanOrEqual(BACKOFF.baseMs);
      for (const s of retries) expect(s.delayMs).toBeLessThanOrEqual(BACKOFF.capMs);
      expect(c.log.states.at(-1)).toMatchObject({ status: 'open', transport: kind });
      expect(c.client.stats().reconnects).toBe(1);
      expect(c.client.stats().duplicatesDropped).toBe(0);
    }
  });
});
