import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { NetworkComparison } from '../../src/bench/figures/network-figures.js';
import { runBench } from '../../src/commands/bench.js';
import { captureBenchIo, expectEveryMessageOnce, expectNoBenchChildren } from '../helpers/bench.js';

// Real processes: the built server host and client workers (npm test builds first); the relay runs here.
const dir = mkdtempSync(join(tmpdir(), 'termchat-bench-rtt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('termchat bench --rtt 0,100 puts the relay between every client and the server: a delivery takes the round trip longer', async () => {
  const io = captureBenchIo();
  const json = join(dir, 'rtt.json');
  const outcome = await runBench(['--rtt', '0,100', '--clients', '2', '--transports', 'ws', '--duration', '1', '--warmup', '0', '--send-every', '250', '--json', json], io);
  expectNoBenchChildren();
  if (outcome.mode !== 'network') throw new Error('expected a network bench');
  expect(outcome.result.runs.map((r) => [r.rttMs, r.error])).toEqual([
    [0, undefined],
    [100, undefined],
  ]);
  expect(outcome.ok).toBe(true);
  const [clean, far] = outcome.result.combined;
  for (const r of [clean!, far!]) {
    expectEveryMessageOnce(r);
    // Both clients' WebSockets went through the relay, and the relay said what it cost.
    expect(r.network!.relayedConnections).toBeGreaterThanOrEqual(2);
    expect(r.network!.relayCpuPercent).toBeGreaterThan(0);
  }
  expect([clean!.network!.rttMs, far!.network!.rttMs]).toEqual([0, 100]);
  // Sender → server → receiver crosses the relay twice, 50 ms each way: no delivery is quicker
  // than the round trip, and none pays the handshake's extra round trip, which only a new
  // connection's first bytes wait.
  expect(far!.latencyP50Ms!).toBeGreaterThanOrEqual(100);
  expect(far!.latencyAvgMs! - clean!.latencyAvgMs!).toBeGreaterThanOrEqual(95);
  expect(far!.latencyAvgMs! - clean!.latencyAvgMs!).toBeLessThan(150);

  const text = io.text();
  expect(text).toContain('termchat bench through a relay: 2 clients × ws, each at a round trip of 0, 100 ms');
  expect(text).toMatch(/^ {2}ws +\S+ \/ 0\.0ms +\S+ \/ 100ms +\+\S+ \(\+100ms\)$/m);
  expect(text).toMatch(/^The relay (kept up|was BUSY|was LATE)/m);
  const data = JSON.parse(readFileSync(json, 'utf8')) as { mode: string; ok: boolean; options: { network: unknown }; model: NetworkComparison[] };
  expect(data).toMatchObject({ mode: 'network', ok: true, options: { network: { rttsMs: [0, 100], jitterMs: 0 } } });
  expect(data.model.map((m) => [m.transport, m.rttMs, m.modelMs])).toEqual([
    ['ws', 0, 0],
    ['ws', 100, 100],
  ]);
}, 60_000);
