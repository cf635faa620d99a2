import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/transports/connection.js';
import type { ClientOptions } from '../../src/transports/types.js';
import type { WireEvent } from '../../src/transports/wire-events.js';
import { makeClient } from '../helpers/chat-clients.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** After the reads in progress: the wire view tells arriving bytes once they are all in. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const sum = (events: readonly WireEvent[]): number => events.reduce((n, event) => n + event.bytes, 0);
const totals = (client: Connection): number => {
  const { bytesSent, bytesReceived } = client.counters();
  return bytesSent + bytesReceived;
};
const label = (event: WireEvent): string => {
  switch (event.kind) {
    case 'request':
    case 'response':
      return `${event.kind} ${event.what}`;
    case 'frame':
      return `${event.dir} ${event.opcode}${event.type === undefined ? '' : ` ${event.type}`}`;
    case 'sse':
      return `sse ${event.events.join(',')}`;
    default:
      return event.kind;
  }
};

const CASES: readonly { readonly name: string; readonly options: Partial<ClientOptions>; readonly expected: readonly string[] }[] = [
  { name: 'ws', options: { transport: 'ws', pingIntervalMs: 100 }, expected: ['connect', 'request upgrade', 'response upgrade', 'in text welcome', 'out text send', 'in text message', 'out text ping', 'in text pong'] },
  { name: 'sse', options: { transport: 'sse' }, expected: ['connect', 'request events', 'response events', 'request send', 'response send'] },
  { name: 'longpoll', options: { transport: 'longpoll' }, expected: ['connect', 'request long poll', 'response long poll', 'request send', 'response send', 'request presence'] },
  { name: 'poll', options: { transport: 'poll', interval: 100 }, expected: ['connect', 'request poll', 'response poll', 'request send', 'response send', 'close'] },
  { name: 'poll, keep-alive', options: { transport: 'poll', interval: 100, keepalive: true }, expected: ['connect', 'request poll', 'response poll', 'request send'] },
];

describe('wire events', () => {
  for (const { name, options, expected } of CASES) {
    it(`${name}: tell every byte the status bar counts, no more, and what carried it`, async () => {
      const server = await startTestServer();
      const { client, log } = makeClient({ server: server.url, room: 'lobby', user: 'alice', transport: 'ws', ...options });
      const events: WireEvent[] = [];
      client.watchWire((event) => events.push(event));
      client.connect();
      await waitFor(() => client.state.status === 'open', 5000, 'open');
      for (const text of ['one', 'twó', 'three']) client.send(text);
      await waitFor(() => log.acks.length === 3 && log.messages.length === 3, 5000, 'acks and echoes');
      // Whatever else happens meanwhile (polls, pings), the two agree whenever the reads are done.
      await waitFor(() => expected.every((kind) => events.some((event) => label(event) === kind)), 5000, `${expected.join('; ')}`).catch(() => undefined);
      await settled();
      expect(sum(events)).toBe(totals(client));

      // The messages' text is told as payload, once each way at least: sent, and delivered back.
      const payload = events.reduce((n, event) => n + event.payload, 0);
      expect(payload).toBeGreaterThanOrEqual(2 * Buffer.byteLength('onetwóthree'));
      for (const event of events) expect(event.overhead).toBe(event.bytes - event.payload);
      for (const event of events) expect(event.transport).toBe(options.transport);
      const labels = new Set(events.map(label));
      for (const kind of expected) expect([...labels], `saw ${[...labels].join('; ')}`).toContain(kind);

      client.close();
      await waitFor(() => events.filter((event) => event.kind === 'close').length === events.filter((event) => event.kind === 'connect').length, 5000, 'every connection closed');
      await settled();
      expect(sum(events)).toBe(totals(client));
    });
  }

  it('tells a poll page how many messages it carried and how long it took', async () => {
    const server = await startTestServer();
    const { client, log } = makeClient({ server: server.url, room: 'lobby', user: 'bob', transport: 'poll', interval: 50 });
    const events: WireEvent[] = [];
    client.watchWire((event) => events.push(event));
    client.connect();
    await waitFor(() => client.state.status === 'open', 5000, 'open');
    client.send('hello there');
    await waitFor(() => log.messages.length === 1, 5000, 'the echo');
    const carrying = await waitFor(() => events.find((event) => event.kind === 'response' && event.what === 'poll' && event.messages === 1), 5000, 'the page with it');
    expect(carrying).toMatchObject({ dir: 'in', status: 200, payload: Buffer.byteLength('hello there') });
    expect(carrying.kind === 'response' && carrying.ms).toBeGreaterThan(0);
    expect(events.some((event) => event.kind === 'response' && event.what === 'poll' && event.messages === 0 && event.payload === 0)).toBe(true);
  });

  it('starts counting when watched, and stops telling anything once nobody watches', async () => {
    const server = await startTestServer();
    const { client, log } = makeClient({ server: server.url, room: 'lobby', user: 'carol', transport: 'ws', pingIntervalMs: 60_000 });
    client.connect();
    await waitFor(() => client.state.status === 'open', 5000, 'open');
    const before = totals(client);
    const events: WireEvent[] = [];
    const stop = client.watchWire((event) => events.push(event));
    client.send('watched');
    await waitFor(() => log.acks.length === 1 && log.messages.length === 1, 5000, 'ack and echo');
    await settled();
    expect(sum(events)).toBe(totals(client) - before);
    stop();
    const told = events.length;
    client.send('unwatched');
    await waitFor(() => log.acks.length === 2 && log.messages.length === 2, 5000, 'ack and echo');
    await settled();
    expect(events.length).toBe(told);
  });

  it('tells a request that found no server, without a connection', async () => {
    const { closedPort } = await import('../helpers/serve-on-port.js');
    const port = await closedPort();
    const { client } = makeClient({ server: `http://127.0.0.1:${port}`, room: 'lobby', user: 'dave', transport: 'poll', backoff: { baseMs: 60_000, capMs: 60_000 } });
    const events: WireEvent[] = [];
    client.watchWire((event) => events.push(event));
    client.connect();
    const failed = await waitFor(() => events.find((event) => event.kind === 'response'), 5000, 'the failure');
    expect(failed).toMatchObject({ kind: 'response', what: 'poll', status: undefined, bytes: 0 });
    expect(failed.kind === 'response' && failed.failure).toMatch(/ECONNREFUSED|refused/i);
  });
});
