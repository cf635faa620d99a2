import { afterEach, describe, expect, it } from 'vitest';
import { scaleFigures } from '../../src/bench/figures/scale-figures.js';
import { startBaselineServer } from '../../src/bench/processes/baseline-server.js';
import { tailArrived } from '../../src/bench/running/drain.js';
import { LoadFleet } from '../../src/bench/workers/load-fleet.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const usage = { rssBeforeBytes: 0, heapBeforeBytes: 0, rssConnectedBytes: 0, heapConnectedBytes: 0, rssEndBytes: 0, cpuMs: 0, wallMs: 1000 };

async function load(port: number, count: number, roomSize?: number) {
  const fleet = new LoadFleet({ url: `ws://127.0.0.1:${port}/ws`, room: 'scale', firstIndex: 0, count, concurrency: 4, connectTimeoutMs: 10_000, sendEveryMs: 200, ...(roomSize === undefined ? {} : { roomSize }) });
  closers.push(() => void fleet.finish());
  await fleet.connect();
  return fleet;
}

describe('the raw load generator', () => {
  it.each(['termchat', 'baseline'] as const)('%s: counts every delivery of every acknowledged message', async (kind) => {
    let port: number;
    if (kind === 'termchat') port = (await startTestServer(NO_SEND_LIMITS)).port;
    else {
      const baseline = await startBaselineServer(0);
      closers.push(() => baseline.close());
      port = baseline.port;
    }
    const fleet = await load(port, 5);
    const goAt = Date.now() + 10;
    fleet.go(goAt, goAt + 500);
    await waitFor(() => Date.now() > goAt + 500 && fleet.progress().sent > 0 && tailArrived([fleet.progress()], 5), 10_000, 'the tail');
    const step = scaleFigures({ server: kind, clients: 5, durationMs: 500, connectMs: 10, reports: [fleet.finish()], usage, maxP99Ms: 10_000 });
    expect(step.acked).toBe(step.sent);
    expect(step.deliveries).toBe(step.acked * 5);
    expect(step).toMatchObject({ held: true, missing: 0, duplicates: 0, closedEarly: 0 });
  });

  it('spreads idle connections over rooms', async () => {
    const server = await startTestServer();
    await load(server.port, 6, 4);
    const rooms = await Promise.all(['scale-0', 'scale-1'].map(async (room) => ((await (await fetch(`${server.url}/presence?room=${room}`)).json()) as { online: unknown[] }).online.length));
    expect(rooms).toEqual([4, 2]);
  });
});
