import { describe, expect, it } from 'vitest';
import { combineReps } from '../../src/bench/figures/aggregate.js';
import { compareRtts, relayLoad } from '../../src/bench/figures/network-figures.js';
import { computeFigures, type NetworkMeasure, type RunFigures } from '../../src/bench/figures/run-figures.js';
import { renderSvg } from '../../src/bench/report/chart-files.js';
import { rttChartSpec } from '../../src/bench/report/chart-spec.js';
import { networkReport, relayVerdict, rttChartFileName, rttPoints } from '../../src/bench/report/network-report.js';
import { completenessVerdict } from '../../src/bench/report/tiers-tables.js';
import type { BenchTransport } from '../../src/bench/running/kinds.js';
import { relayChanges, runNetwork, shapingLabel } from '../../src/bench/running/network.js';
import { planRuns } from '../../src/bench/running/plan.js';
import type { RunRecord } from '../../src/bench/running/run-tiers.js';
import { resolveBenchOptions } from '../../src/commands/bench.js';
import { completeWorker } from './fixtures.js';

describe('--rtt plan and relay', () => {
  it('runs every transport at each round trip, back to back, reversed every other repetition', () => {
    const runs = planRuns([5], ['sse', 'ws'], 2, [{ rttMs: 0 }, { rttMs: 100 }]).map((r) => `${r.rep}:${r.transport}:${r.rttMs}`);
    expect(runs).toEqual(['0:sse:0', '0:sse:100', '0:ws:0', '0:ws:100', '1:ws:100', '1:ws:0', '1:sse:100', '1:sse:0']);
  });

  it('holds half of each round trip each way, the jitter no larger than that half, and passes the rate on', () => {
    const network = { rttsMs: [0, 25, 100], jitterMs: 20, rateBitsPerSecond: 1_000_000 };
    expect(network.rttsMs.map((rttMs) => runNetwork(network, rttMs).jitterMs)).toEqual([0, 12.5, 20]);
    expect(relayChanges(runNetwork(network, 25))).toEqual([
      { kind: 'delay', ms: 12.5, jitterMs: 12.5 },
      { kind: 'rate', bitsPerSecond: 1_000_000 },
    ]);
    expect(relayChanges(runNetwork({ rttsMs: [0], jitterMs: 0, rateBitsPerSecond: undefined }, 0))).toEqual([
      { kind: 'delay', ms: 0, jitterMs: 0 },
      { kind: 'rate', bitsPerSecond: undefined },
    ]);
    expect(shapingLabel(network)).toBe('jitter ±20 ms each way · rate 1 Mbit/s');
    expect(shapingLabel({ jitterMs: 0, rateBitsPerSecond: undefined })).toBe('');
  });
});

/** A made-up complete run of 4 clients, 10 messages, every delivery at `latencyMs`, through a relay at `rttMs`. */
function run(transport: BenchTransport, rttMs: number, latencyMs: number, relay: Partial<NetworkMeasure> = {}): RunFigures {
  return computeFigures({
    transport,
    clients: 4,
    durationMs: 10_000,
    reports: [completeWorker(4, 10, latencyMs, { requests: transport === 'ws' ? 4 : 200, bytesSent: 8000, bytesReceived: 8000 })],
    server: { cpuMs: 50, rssBytes: 1, peakRssBytes: 1, cpuMsPerSecond: [], rssBytesPerSecond: [] },
    network: { rttMs, jitterMs: 0, rateBitsPerSecond: null, relayedConnections: 4, relayCpuPercent: 3, relayLagP99Ms: 0.5, ...relay },
  });
}

const plan = { tiers: [4], transports: ['poll', 'ws'] as BenchTransport[], rttsMs: [0, 100], intervalMs: 100, sendEveryMs: 2000 };

describe('--rtt figures', () => {
  it('keeps the relay through repetitions: the medians of what relaying cost', () => {
    const combined = combineReps([run('ws', 100, 101, { relayCpuPercent: 2, relayLagP99Ms: 3 }), run('ws', 100, 103, { relayCpuPercent: 9, relayLagP99Ms: 1 }), run('ws', 100, 102, { relayCpuPercent: 4, relayLagP99Ms: 2 })]);
    expect(combined.network).toEqual({ rttMs: 100, jitterMs: 0, rateBitsPerSecond: null, relayedConnections: 4, relayCpuPercent: 4, relayLagP99Ms: 2 });
    expect(combined.latencyAvgMs).toBe(102);
    expect(run('ws', 0, 1).network!.rttMs).toBe(0);
  });

  it('puts each transport, tier and round trip beside the model, with the growth from the first round trip and the repetitions’ spread', () => {
    const reps = [run('poll', 0, 52), run('poll', 0, 56), run('poll', 100, 310), run('poll', 100, 290), run('ws', 0, 2), run('ws', 100, 103)];
    const rows = [combineReps(reps.slice(0, 2)), combineReps(reps.slice(2, 4)), reps[4]!, reps[5]!];
    const [poll0, poll100, ws0, ws100] = compareRtts(plan, rows, reps);
    expect(poll0).toMatchObject({ transport: 'poll', clients: 4, rttMs: 0, reps: 2, avgSpread: { low: 52, high: 56 }, grewMs: 0, modelGrewMs: 0 });
    expect(poll0!.modelMs).toBeCloseTo(50.17, 2);
    expect(poll100).toMatchObject({ rttMs: 100, reps: 2, avgSpread: { low: 290, high: 310 }, grewMs: 300 - 54 });
    expect(poll100!.modelMs).toBeCloseTo(300, 6);
    expect(poll100!.modelGrewMs).toBeCloseTo(249.83, 2);
    // 200 requests for 40 deliveries; 16,000 bytes for 40.
    expect(poll100).toMatchObject({ requestsPerDelivery: 5, bytesPerDelivery: 400 });
    expect(ws0).toMatchObject({ modelMs: 0, reps: 1, requestsPerDelivery: 0.1 });
    expect(ws100).toMatchObject({ modelMs: 100, grewMs: 101, modelGrewMs: 100 });
  });

  it('has no figures where every repetition failed, and finds the relay’s worst load', () => {
    const rows = [run('ws', 0, 2, { relayCpuPercent: 12, relayLagP99Ms: 0.2 }), run('ws', 100, 103, { relayCpuPercent: 5, relayLagP99Ms: 7 })];
    const [, , ws0, ws100] = compareRtts(plan, rows);
    expect(compareRtts(plan, rows)[0]).toMatchObject({ row: undefined, avgSpread: null, grewMs: null, requestsPerDelivery: null });
    expect(ws0!.grewMs).toBe(0);
    expect(ws100!.grewMs).toBe(101);
    const load = relayLoad(rows)!;
    expect([load.cpuPercent, load.cpuAt.network!.rttMs, load.lagP99Ms, load.lagAt.network!.rttMs]).toEqual([12, 0, 7, 100]);
    expect(relayLoad([{ ...rows[0]!, network: null }])).toBeUndefined();
  });
});

describe('--rtt report and charts', () => {
  const options = resolveBenchOptions(['--rtt', '0,100', '--clients', '4', '--transports', 'poll,ws', '--reps', '2']);
  const reps = [run('poll', 0, 52), run('poll', 0, 56), run('poll', 100, 310), run('poll', 100, 290), run('ws', 0, 2), run('ws', 0, 3), run('ws', 100, 103), run('ws', 100, 104)];
  const records: RunRecord[] = reps.map((figures, i) => ({ rep: i % 2, clients: 4, transport: figures.transport, rttMs: figures.network!.rttMs, wallMs: 1, figures }));
  const combined = [0, 2, 4, 6].map((i) => combineReps(reps.slice(i, i + 2)));

  it('prints the model, each transport measured beside it with spreads, the growth, the relay and the verdict', () => {
    const text = networkReport(options, { runs: records, combined, wallMs: 1 });
    expect(text).toContain('RESULTS through a relay: a round trip of 0, 100 ms added between every client and the server (medians of 2 repetitions, [lowest–highest]');
    expect(text).toMatch(/^ {2}poll {7}2 RTT \(a send: handshake, half up; the answer: half down\) \+ the wait for the next poll/m);
    expect(text).toMatch(/^ {2}ws {9}1 RTT: sender → server → receiver$/m);
    expect(text).toContain('SHORT POLLING (a new TCP connection per request, as in the study)');
    expect(text).toMatch(/ 4 +0 ms +54ms \[52–56ms\] +50ms +\+0\.0ms +\+0\.0ms +56ms \[52–56ms\] +5\.00 +400 B +0 +0$/m);
    expect(text).toMatch(/ 4 +100 ms +300ms \[290–310ms\] +300ms +\+246ms +\+250ms /m);
    expect(text).toMatch(/ 4 +100 ms +104ms \[103–104ms\] +100ms +\+101ms +\+100ms /m);
    expect(text).toContain('AVERAGE LATENCY at 4 clients, measured / model');
    expect(text).toMatch(/^ {2}poll +54ms \/ 50ms +300ms \/ 300ms +\+246ms \(\+250ms\)$/m);
    expect(text).toMatch(/^ {2}ws +2\.5ms \/ 0\.0ms +104ms \/ 100ms +\+101ms \(\+100ms\)$/m);
    expect(text).toMatch(/^ {2}poll +4 +3% · 0\.5ms · 4 +3% · 0\.5ms · 4$/m);
    expect(text).toContain('The relay kept up: at most 3% of a core and 0.5ms of event-loop lag at p99');
    expect(text).toMatch(/Completeness: every message reached every client .* 320 deliveries over 8 runs, 0 missing, 0 duplicates\./);
  });

  it('leaves the growth out with a single round trip, and names a failed run by its round trip', () => {
    const single = resolveBenchOptions(['--net', 'delay=50,rate=1mbit', '--clients', '4', '--transports', 'ws']);
    const failed: RunRecord = { rep: 0, clients: 4, transport: 'ws', rttMs: 100, wallMs: 1, error: 'client worker 1 exited' };
    const text = networkReport(single, { runs: [failed], combined: [], wallMs: 1 });
    expect(text).toContain('a round trip of 100 ms added between every client and the server, rate 1 Mbit/s');
    expect(text).not.toContain('Grew');
    expect(text).not.toContain('grew');
    expect(text).toContain('every run failed');
    expect(text).toContain('  4 clients · ws · RTT 100 ms: client worker 1 exited');
    expect(text).toContain('No run finished: nothing to say of the relay.');
  });

  it('says when the relay, not the network, may have set part of the latency, and when the machine made it late', () => {
    const busy = relayVerdict(relayLoad([run('poll', 0, 60, { relayCpuPercent: 85, relayLagP99Ms: 1 }), run('poll', 100, 320, { relayCpuPercent: 40, relayLagP99Ms: 12 })]));
    expect(busy).toBe(
      "The relay was BUSY: its CPU reached 85% of a core (4 clients · poll · RTT 0 ms); its event loop ran 12ms late at p99 (4 clients · poll · RTT 100 ms), and held bytes waited that much on top of their delay. Where it was, part of the latency is the relay's own, not the network's.",
    );
    const late = relayVerdict(relayLoad([run('ws', 0, 2, { relayCpuPercent: 4, relayLagP99Ms: 9 })]));
    expect(late).toBe(
      'The relay was LATE, though it used at most 4% of a core: its event loop ran 9.0ms late at p99 (4 clients · ws · RTT 0 ms), and held bytes waited that much on top of their delay. The machine it shares with the server and the clients was busy; read small differences with care.',
    );
  });

  it('names the round trip of a run that lost a delivery', () => {
    const lost = { ...reps[6]!, missing: 2 };
    expect(completenessVerdict([{ rep: 0, clients: 4, transport: 'ws', rttMs: 100, wallMs: 1, figures: lost }])).toContain('ws at 4 clients at RTT 100 ms: 2 missing');
  });

  it('draws latency, requests and bytes against the round trip, the model dashed beside what was measured', async () => {
    const comparisons = compareRtts({ tiers: [4], transports: ['poll', 'ws'], rttsMs: [0, 100], intervalMs: 100, sendEveryMs: 2000 }, combined, reps);
    const points = rttPoints(comparisons);
    expect(points).toHaveLength(8);
    expect(points.filter((p) => p.series === 'model').map((p) => Math.round(p.avgMs!))).toEqual([50, 300, 0, 100]);
    expect(points.filter((p) => p.series === 'model').every((p) => p.p99Ms === null && p.bytesPerDelivery === null)).toBe(true);
    expect(rttChartFileName(5)).toBe('rtt-005-clients');
    const svg = await renderSvg(rttChartSpec(4, points));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('termchat bench through a relay — 4 clients');
    expect(svg).toContain('HTTP requests per delivery');
    expect(svg).toContain('stroke-dasharray="4,2"');
  });
});
