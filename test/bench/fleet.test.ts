import { afterEach, describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/bench/figures/run-figures.js';
import { startBaselineServer } from '../../src/bench/processes/baseline-server.js';
import { tailArrived } from '../../src/bench/running/drain.js';
import { clientSetup, type BenchTransport } from '../../src/bench/running/kinds.js';
import { ClientFleet } from '../../src/bench/workers/client-fleet.js';
import type { TransportKind } from '../../src/protocol/index.js';
import { expectEveryMessageOnce } from '../helpers/bench.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { FakeChatClient, makeMessage, makeStats } from '../ui/fake-client.js';

const fleets: ClientFleet[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fleet of fleets.splice(0)) fleet.finish();
  for (const close of closers.splice(0)) await close();
});

async function serverFor(transport: BenchTransport): Promise<string> {
  if (clientSetup(transport).server === 'termchat') return (await startTestServer(NO_SEND_LIMITS)).url;
  const baseline = await startBaselineServer(0);
  closers.push(() => baseline.close());
  return `http://127.0.0.1:${baseline.port}`;
}

/** A fleet of real clients (in this process) against a real server on a free port, for `durationMs`. */
async function runFleet(transport: BenchTransport, clients: number, durationMs: number, warmUp = false) {
  const setup = clientSetup(transport);
  const fleet = new ClientFleet({ server: await serverFor(transport), room: 'bench', transport: setup.transport, keepalive: setup.keepalive, intervalMs: 50, sendEveryMs: 250, firstIndex: 0, count: clients, connectTimeoutMs: 10_000 });
  fleets.push(fleet);
  await fleet.connect();
  if (warmUp) await fleet.warmUp({ roomSize: clients, durationMs: 500, timeoutMs: 10_000 });
  const goAt = Date.now() + 20;
  fleet.go(goAt, goAt + durationMs);
  await waitFor(() => Date.now() > goAt + durationMs && tailArrived([fleet.progress()], clients), 10_000, 'the tail of the run');
  fleets.splice(fleets.indexOf(fleet), 1);
  const report = fleet.finish();
  return computeFigures({ transport, clients, durationMs, reports: [report], server: { cpuMs: 1, rssBytes: 1, peakRssBytes: 1, cpuMsPerSecond: [], rssBytesPerSecond: [] } });
}

/** A fleet of `count` scripted clients, each open after connecting has counted 2 connections, 2 requests and 100 bytes. */
async function fakeFleet(transport: TransportKind, count: number, sendEveryMs: number): Promise<{ fleet: ClientFleet; clients: FakeChatClient[] }> {
  const clients: FakeChatClient[] = [];
  const fleet = new ClientFleet(
    { server: 'http://127.0.0.1:1', room: 'bench', transport, keepalive: false, intervalMs: 100, sendEveryMs, firstIndex: 0, count, connectTimeoutMs: 1000 },
    {
      createClient: (options) => {
        const client = new FakeChatClient(options);
        clients.push(client);
        return client;
      },
      now: Date.now,
      random: () => 0,
    },
  );
  fleets.push(fleet);
  const connected = fleet.connect();
  for (const client of clients) {
    client.currentStats = makeStats({ tcpConnections: 2, requests: 2, bytesSent: 100 });
    client.setState({ status: 'open', transport, since: 0 });
  }
  await connected;
  return { fleet, clients };
}

describe('a fleet of ChatClients', () => {
  it.each<BenchTransport>(['ws', 'baseline', 'sse', 'longpoll', 'poll', 'poll-keepalive'])('%s: every message reaches every client once', async (transport) => {
    const f = await runFleet(transport, 3, 800);
    expect(f.sent).toBeGreaterThanOrEqual(3 * 3);
    expectEveryMessageOnce(f);
    expect(f.bytesSent).toBeGreaterThan(0);
    expect(f.bytesReceived).toBeGreaterThan(0);
    if (transport === 'ws' || transport === 'baseline') expect(f.connections).toBe(3);
    if (transport === 'poll') expect(f.connections).toBeGreaterThan(f.polls! / 2);
    expect(f.wastedPercent === null).toBe(transport === 'ws' || transport === 'baseline' || transport === 'sse');
  });

  it.each<BenchTransport>(['ws', 'poll'])('%s: a warm-up is delivered everywhere and then leaves no trace in the figures', async (transport) => {
    const f = await runFleet(transport, 3, 600, true);
    expect(f.sent).toBeGreaterThanOrEqual(3);
    // Only the timed messages: the warm-up's (at least MIN_WARM_UP_MESSAGES in the room, so a
    // hundred from each client) are neither sent, messages nor deliveries.
    expectEveryMessageOnce(f);
    if (transport === 'ws') expect(f.connections).toBe(3);
  });

  // Short polls' connections live for one request each; other transports keep theirs for the run.
  it.each([
    ['poll', 6],
    ['longpoll', 16],
  ] as const)('%s: takes what the warm-up added off the counters, and keeps what connecting added', async (transport, connections) => {
    const { fleet, clients } = await fakeFleet(transport, 2, 1000);
    // No minimum: the run's schedule alone, one message from each client.
    const warm = fleet.warmUp({ roomSize: 2, durationMs: 1000, timeoutMs: 1000, minMessages: 1 });
    await waitFor(() => clients.every((client) => client.sent.length === 1), 2000, 'each client to send its warm-up message');
    let id = 100;
    for (const sender of clients) {
      const text = sender.sent.at(-1)!.text;
      const message = makeMessage({ id: ++id, user: sender.options.user, text });
      for (const receiver of clients) receiver.emit('message', message);
    }
    for (const client of clients) client.currentStats = makeStats({ tcpConnections: 7, requests: 9, bytesSent: 400 });
    await warm;
    fleet.go(Date.now() + 1000, Date.now() + 1000);
    for (const client of clients) client.currentStats = makeStats({ tcpConnections: 8, requests: 10, bytesSent: 450 });
    const report = fleet.finish();
    // Connecting's 2 requests and the run's 1 per client stay; the warm-up's 7 are gone.
    expect(report.final).toMatchObject({ tcpConnections: connections, requests: 6, bytesSent: 300 });
    expect(report.messages).toEqual([]);
    expect(report.latency.count).toBe(0);
    expect(report.progress).toMatchObject({ deliveries: 0, sent: 0, acked: 0 });
  });

  it('speeds a small room\'s warm-up up to its minimum of messages, within the warm-up\'s time', async () => {
    const { fleet, clients } = await fakeFleet('ws', 2, 1000);
    // 300 ms of a 1 s schedule is one message each; a minimum of 10 in a room of 2 makes it 5 each, 60 ms apart.
    const started = Date.now();
    void fleet.warmUp({ roomSize: 2, durationMs: 300, timeoutMs: 1000, minMessages: 10 }).catch(() => {});
    await waitFor(() => clients.every((client) => client.sent.length === 5), 2000, 'five warm-up messages from each client');
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clients.map((client) => client.sent.length)).toEqual([5, 5]);
  });
});
