import { afterEach } from 'vitest';
import type { Message, OnlineEntry, PresenceEvent } from '../../src/protocol/index.js';
import { Connection, type ConnectionDeps } from '../../src/transports/connection.js';
import { NODE_CLIENT } from '../../src/transports/index.js';
import type { ClientOptions, ConnectionState, OutboxEntry } from '../../src/transports/types.js';
import { waitFor } from './wait.js';

const clients = new Set<Connection>();

afterEach(() => {
  for (const client of clients) client.close();
  clients.clear();
});

/** Everything a client emitted, in order, for assertions after the fact. */
export interface ClientLog {
  readonly states: ConnectionState[];
  readonly messages: Message[];
  readonly acks: OutboxEntry[];
  readonly failed: OutboxEntry[];
  readonly presence: PresenceEvent[];
  readonly typing: string[];
  readonly resets: { previousEpoch: string; epoch: string }[];
  readonly fallbacks: { from: string; to: string; reason: string }[];
  online: readonly OnlineEntry[];
}

export interface TestClient {
  readonly client: Connection;
  readonly log: ClientLog;
}

/** A client (not yet connected) that is closed after the test, with a log of all it emits. */
export function makeClient(options: ClientOptions, deps: Partial<ConnectionDeps> = {}): TestClient {
  const client = new Connection(options, { ...NODE_CLIENT, ...deps });
  clients.add(client);
  const log: ClientLog = { states: [], messages: [], acks: [], failed: [], presence: [], typing: [], resets: [], fallbacks: [], online: [] };
  client.on('state', (next) => log.states.push(next));
  client.on('message', (message) => log.messages.push(message));
  client.on('ack', (entry) => log.acks.push(entry));
  client.on('failed', (entry) => log.failed.push(entry));
  client.on('presence', (event) => log.presence.push(event));
  client.on('typing', (user) => log.typing.push(user));
  client.on('reset', (info) => log.resets.push({ ...info }));
  client.on('fallback', (info) => log.fallbacks.push({ ...info }));
  client.on('online', (online) => (log.online = online));
  return { client, log };
}

/** Connects and waits until open. */
export async function connected(options: ClientOptions, timeoutMs = 5000): Promise<TestClient> {
  const made = makeClient(options);
  made.client.connect();
  await waitFor(() => made.client.state.status === 'open', timeoutMs, `${options.user} open over ${options.transport}`);
  return made;
}

/** Waits until the client's state matches. */
export function waitForState(client: Connection, match: (state: ConnectionState) => boolean, timeoutMs = 5000, what = 'state'): Promise<ConnectionState> {
  return waitFor(() => (match(client.state) ? client.state : undefined), timeoutMs, what);
}
