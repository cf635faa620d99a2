import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunFigures } from '../../src/bench/figures/run-figures.js';
import { runBench } from '../../src/commands/bench.js';
import { UsageError } from '../../src/commands/flags.js';
import { captureBenchIo, expectEveryMessageOnce, expectNoBenchChildren } from '../helpers/bench.js';

// Real processes: the built server host, client workers and load generators (npm test builds first).
const dir = mkdtempSync(join(tmpdir(), 'termchat-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every figure that must agree with the others in a complete run. */
function expectConsistent(r: RunFigures): void {
  expectEveryMessageOnce(r);
  expect(r.series.deliveries.reduce((a, b) => a + b, 0)).toBe(r.deliveries);
  expect(r.latencyP50Ms!).toBeLessThanOrEqual(r.latencyP99Ms!);
  expect(r.latencyP99Ms!).toBeLessThanOrEqual(r.latencyMaxMs!);
  expect(r.connPerSec).toBeCloseTo(r.connections / r.durationS);
  expect(r.serverCpuMs).toBeGreaterThan(0);
  expect(r.serverRssBytes).toBeGreaterThan(0);
  expect(r.bytesPerDelivery!).toBeGreaterThan(0);
  expect(r.series.connections.length).toBeGreaterThanOrEqual(Math.ceil(r.durationS));
  switch (r.transport) {
    case 'ws':
    case 'baseline':
      expect(r.connections).toBe(r.clients);
      expect(r.wastedPercent).toBeNull();
      break;
    case 'sse':
      expect(r.connections).toBeGreaterThanOrEqual(r.clients);
      expect(r.wastedPercent).toBeNull();
      break;
    case 'poll': {
      // One TCP connection per request: the running totals agree up to the requests in flight.
      const last = r.series.connections.length - 1;
      const requests = r.series.requestsPerSec.reduce((a, b) => a + b, 0);
      expect(r.series.connections[last]!).toBeLessThanOrEqual(requests);
      expect(r.series.connections[last]!).toBeGreaterThanOrEqual(requests - 2 * r.clients);
      expect(r.wastedPercent).not.toBeNull();
      break;
    }
    case 'poll-keepalive':
    case 'longpoll':
      expect(r.connections).toBeGreaterThanOrEqual(r.clients);
      expect(r.connections).toBeLessThanOrEqual(3 * r.clients);
      expect(r.wastedPercent).not.toBeNull();
      break;
  }
}

describe('termchat bench, end to end with real processes', () => {
  it('runs two tiers of poll, ws and baseline and writes JSON and charts', async () => {
    const io = captureBenchIo();
    const json = join(dir, 'tiers.json');
    const charts = join(dir, 'charts');
    const outcome = await runBench(['--clients', '2,3', '--duration', '2', '--send-every', '500', '--transports', 'poll,ws,baseline', '--json', json, '--charts', charts], io);
    expectNoBenchChildren();
    expect(outcome.mode).toBe('tiers');
    if (outcome.mode !== 'tiers') return;
    expect(outcome.ok).toBe(true);
    expect(outcome.result.runs).toHaveLength(6);
    expect(outcome.result.runs.every((r) => r.error === undefined)).toBe(true);
    expect(outcome.result.combined).toHaveLength(6);
    for (const row of outcome.result.combined) expectConsistent(row);

    const text = io.text();
    expect(text).toContain('6 runs, about');
    expect(text).toContain('SHORT POLLING (a new TCP connection per request, as in the study)');
    expect(text).toContain('SIDE-BY-SIDE');
    expect(text).toContain('termchat ws ÷ baseline');
    expect(text).toContain('Total connections, per second');
    expect(text).toMatch(/Completeness: every message reached every client .* 0 missing, 0 duplicates\./);

    const data = JSON.parse(readFileSync(json, 'utf8')) as { ok: boolean; runs: { figures: RunFigures }[]; machine: { cpus: number } };
    expect(data.ok).toBe(true);
    expect(data.runs).toHaveLength(6);
    expect(data.runs[0]!.figures.series.connections.length).toBeGreaterThan(0);
    for (const name of ['tier-002-clients', 'tier-003-clients']) {
      expect(existsSync(join(charts, `${name}.svg`))).toBe(true);
      expect(existsSync(join(charts, `${name}.png`))).toBe(true);
    }
  }, 60_000);

  it('runs keep-alive polling, long polling and SSE', async () => {
    const outcome = await runBench(['--clients', '3', '--duration', '1.5', '--send-every', '500', '--transports', 'poll-keepalive,longpoll,sse'], captureBenchIo());
    expectNoBenchChildren();
    if (outcome.mode !== 'tiers') throw new Error('expected a tiers bench');
    expect(outcome.ok).toBe(true);
    expect(outcome.result.combined.map((r) => r.transport)).toEqual(['poll-keepalive', 'longpoll', 'sse']);
    for (const row of outcome.result.combined) expectConsistent(row);
  }, 60_000);

  it('--scale ramps a room on both servers and reports the largest that held', async () => {
    const io = captureBenchIo();
    const outcome = await runBench(['--scale', '--clients', '5,10', '--duration', '1', '--send-every', '500', '--max-p99', '10000'], io);
    expectNoBenchChildren();
    if (outcome.mode !== 'scale') throw new Error('expected a scale bench');
    expect(outcome.result.errors).toEqual([]);
    expect(outcome.result.steps).toHaveLength(4);
    for (const step of outcome.result.steps) {
      expect(step).toMatchObject({ held: true, missing: 0, duplicates: 0, closedEarly: 0 });
      expect(step.deliveries).toBe(step.acked * step.clients);
      expect(step.acked).toBe(step.sent);
    }
    expect(io.text()).toMatch(/termchat +10 clients held/);
    expect(io.text()).toMatch(/baseline +10 clients held/);
  }, 60_000);

  it('--idle opens idle connections and measures them', async () => {
    const io = captureBenchIo();
    const outcome = await runBench(['--idle', '40'], io);
    expectNoBenchChildren();
    if (outcome.mode !== 'idle') throw new Error('expected an idle bench');
    expect(outcome.result.map((r) => [r.server, r.connections, r.dropped])).toEqual([
      ['termchat', 40, 0],
      ['baseline', 40, 0],
    ]);
    expect(io.text()).toContain('IDLE CONNECTIONS');
  }, 60_000);
});

describe('termchat bench output paths', () => {
  it('refuses a --json or --charts path it cannot write before running anything', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'in the way');
    const json = await runBench(['--clients', '2', '--transports', 'ws', '--json', join(file, 'out.json')], captureBenchIo()).catch((e: unknown) => e);
    expect(json).toBeInstanceOf(UsageError);
    expect((json as Error).message).toMatch(/^--json: cannot write to .*a-file: ENOTDIR/);
    const charts = await runBench(['--clients', '2', '--transports', 'ws', '--charts', join(file, 'charts')], captureBenchIo()).catch((e: unknown) => e);
    expect((charts as Error).message).toMatch(/^--charts: cannot write to .*a-file\/charts: ENOTDIR/);
    expectNoBenchChildren();
  });

  it.runIf(process.platform === 'linux')('refuses a directory under /proc at once rather than hanging in mkdir', async () => {
    const error = await runBench(['--clients', '2', '--transports', 'ws', '--charts', '/proc/self/termchat-charts'], captureBenchIo()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^--charts: cannot write to \/proc\/self\/termchat-charts: ENOENT/);
    expectNoBenchChildren();
  });

  it('makes a missing --json directory up front', async () => {
    const nested = join(dir, 'x', 'y');
    await runBench(['--idle', '4', '--json', join(nested, 'idle.json')], captureBenchIo());
    expect(existsSync(join(nested, 'idle.json'))).toBe(true);
  }, 60_000);
});
