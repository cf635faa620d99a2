import { afterEach, describe, expect, it } from 'vitest';
import { startBaselineServer } from '../../src/bench/processes/baseline-server.js';
import { liveChildren } from '../../src/bench/processes/child.js';
import { WorkerFleet } from '../../src/bench/processes/worker-fleet.js';
import { tailArrived } from '../../src/bench/running/drain.js';
import { freeLoopbackPort } from '../../src/bench/running/redis-server.js';
import { LOAD_GENERATOR, type LoadConfig, type LoadWork } from '../../src/bench/workers/load-protocol.js';
import { waitFor } from '../helpers/wait.js';

// Real processes: the built load generator entry (npm test builds first), driven as scale and idle drive it.
const fleets: WorkerFleet<LoadWork>[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fleet of fleets.splice(0)) await fleet.stop();
  for (const close of closers.splice(0)) await close();
  expect(liveChildren()).toBe(0);
});

function loadFleet(count: number): WorkerFleet<LoadWork> {
  const fleet = new WorkerFleet(LOAD_GENERATOR, count);
  fleets.push(fleet);
  return fleet;
}

const config = (url: string, firstIndex: number, count: number): LoadConfig => ({ url, room: 'fleet', firstIndex, count, concurrency: 2, connectTimeoutMs: 5000, sendEveryMs: 100 });

describe('a fleet of worker processes', () => {
  it('gives each worker its config, keeps each one\'s progress and gathers their reports in order', async () => {
    const baseline = await startBaselineServer(0);
    closers.push(() => baseline.close());
    const url = `ws://127.0.0.1:${baseline.port}/ws`;
    const fleet = loadFleet(2);
    expect(fleet.progress).toEqual([LOAD_GENERATOR.idle, LOAD_GENERATOR.idle]);
    const connectMs = await fleet.connect([config(url, 0, 2), config(url, 2, 3)]);
    expect(connectMs).toHaveLength(2);
    const goAt = Date.now() + 20;
    fleet.go(goAt, goAt + 300);
    await waitFor(() => Date.now() > goAt + 300 && fleet.progress.every((p) => p.sent > 0) && tailArrived(fleet.progress, 5), 10_000, 'both workers to report the tail');
    const reports = await fleet.finish();
    expect(reports.map((r) => r.progress.deliveries)).toEqual([2 * (reports[0]!.progress.acked + reports[1]!.progress.acked), 3 * (reports[0]!.progress.acked + reports[1]!.progress.acked)]);
  });

  it('rejects a step with the worker\'s name and its error', async () => {
    const fleet = loadFleet(1);
    await expect(fleet.finish()).rejects.toThrow('load generator 1: finish before connect');
    const closed = await freeLoopbackPort();
    await expect(fleet.connect([config(`ws://127.0.0.1:${closed}/ws`, 0, 1)])).rejects.toThrow(/^load generator 1: connection u0: .*ECONNREFUSED/);
  });

  it('wants one config per worker', async () => {
    await expect(loadFleet(2).connect([config('ws://127.0.0.1:1/ws', 0, 1)])).rejects.toThrow('1 configs for 2 workers');
  });
});
