import { afterEach, describe, expect, it } from 'vitest';
import { startBaselineServer } from '../../src/bench/baseline-server.js';
import { tailArrived } from '../../src/bench/drain.js';
import { computeFigures } from '../../src/bench/figures.js';
import { Fleet } from '../../src/bench/fleet.js';
import { clientSetup, type BenchTransport } from '../../src/bench/kinds.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const fleets: Fleet[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fleet of fleets.splice(0)) fleet.finish();
  for (const close of closers.splice(0)) await close();
});

async function serverFor(transport: BenchTransport): Promise<string> {
  if (clientSetup(transport).server === 'termchat') return (await startTestServer({ rate: undefined })).url;
  const baseline = await startBaselineServer(0);
  closers.push(() => baseline.close());
  return `http://127.0.0.1:${baseline.port}`;
}

/** A fleet of real clients (in this process) against a real server on a free port, for `durationMs`. */
async function runFleet(transport: BenchTransport, clients: number, durationMs: number) {
  const setup = clientSetup(transport);
  const fleet = new Fleet({ server: await serverFor(transport), room: 'bench', transport: setup.transport, keepalive: setup.keepalive, intervalMs: 50, sendEveryMs: 250, firstIndex: 0, count: clients, connectTimeoutMs: 10_000 });
  fleets.push(fleet);
  await fleet.connect();
  const goAt = Date.now() + 20;
  fleet.go(goAt, goAt + durationMs);
  await waitFor(() => Date.now() > goAt + durationMs && tailArrived([fleet.progress()], clients), 10_000, 'the tail of the run');
  fleets.splice(fleets.indexOf(fleet), 1);
  const report = fleet.finish();
  return computeFigures({ transport, clients, durationMs, reports: [report], server: { cpuMs: 1, rssBytes: 1, peakRssBytes: 1, cpuMsPerSecond: [], rssBytesPerSecond: [] } });
}

describe('a fleet of ChatClients', () => {
  it.each<BenchTransport>(['ws', 'baseline', 'sse', 'longpoll', 'poll', 'poll-keepalive'])('%s: every message reaches every client once', async (transport) => {
    const f = await runFleet(transport, 3, 800);
    expect(f.sent).toBeGreaterThanOrEqual(3 * 3);
    expect(f.messages).toBe(f.sent);
    expect(f.deliveries).toBe(f.messages * 3);
    expect(f.expectedDeliveries).toBe(f.deliveries);
    expect(f.missing).toBe(0);
    expect(f.duplicates).toBe(0);
    expect(f.unacked).toBe(0);
    expect(f.latencyHistogram.count).toBe(f.deliveries);
    expect(f.bytesSent).toBeGreaterThan(0);
    expect(f.bytesReceived).toBeGreaterThan(0);
    if (transport === 'ws' || transport === 'baseline') expect(f.connections).toBe(3);
    if (transport === 'poll') expect(f.connections).toBeGreaterThan(f.polls! / 2);
    expect(f.wastedPercent === null).toBe(transport === 'ws' || transport === 'baseline' || transport === 'sse');
  });
});
