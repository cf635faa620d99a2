import { describe, expect, it } from 'vitest';
import { benchNodeArgs } from '../../src/bench/processes/entry-path.js';
import { BENCH_TRANSPORTS } from '../../src/bench/running/kinds.js';
import { DEFAULT_SCALE_STEPS } from '../../src/bench/running/options.js';
import { resolveBenchOptions } from '../../src/commands/bench-options.js';
import { UsageError } from '../../src/commands/usage-error.js';

describe('bench options', () => {
  it('defaults to the study: 5,50,100 clients, 10 s, a send every 2 s, polls every 100 ms, every transport', () => {
    const options = resolveBenchOptions({});
    expect(options).toMatchObject({ mode: 'tiers', tiers: [5, 50, 100], durationMs: 10_000, sendEveryMs: 2000, intervalMs: 100, reps: 1, workers: undefined, maxP99Ms: 100 });
    expect(options.transports).toEqual(BENCH_TRANSPORTS);
    expect(options.jsonPath).toBeUndefined();
    expect(options.chartsDir).toBeUndefined();
  });

  it('takes lists and numbers as typed', () => {
    const options = resolveBenchOptions({ clients: '3, 7', duration: '2.5', sendEvery: '500', interval: '50', reps: '3', workers: '2', json: 'out.json', charts: 'charts' });
    expect(options).toMatchObject({ tiers: [3, 7], durationMs: 2500, sendEveryMs: 500, intervalMs: 50, reps: 3, workers: 2, jsonPath: 'out.json', chartsDir: 'charts' });
  });

  it('keeps transports in the canonical order, whatever order they were typed in', () => {
    expect(resolveBenchOptions({ transports: 'ws,baseline,poll' }).transports).toEqual(['poll', 'ws', 'baseline']);
  });

  it.each([
    [{ clients: '5,x' }, /--clients/],
    [{ clients: '0' }, /--clients/],
    [{ clients: '' }, /--clients/],
    [{ duration: '1e3' }, /--duration/],
    [{ duration: '0.1' }, /--duration/],
    [{ sendEvery: '-5' }, /--send-every/],
    [{ transports: 'ws,carrier-pigeon' }, /carrier-pigeon/],
    [{ reps: '0' }, /--reps/],
    [{ json: ' ' }, /--json/],
    [{ scale: true, idle: '10' }, /separate/],
    [{ scale: true, transports: 'poll' }, /ws and baseline/],
  ])('refuses %j with a usage error', (flags, message) => {
    expect(() => resolveBenchOptions(flags)).toThrow(UsageError);
    expect(() => resolveBenchOptions(flags)).toThrow(message);
  });

  it('--scale ramps the study ladder over both servers unless told otherwise', () => {
    const options = resolveBenchOptions({ scale: true });
    expect(options.mode).toBe('scale');
    expect(options.tiers).toEqual(DEFAULT_SCALE_STEPS);
    expect(options.tiers.slice(0, 5)).toEqual([250, 350, 500, 750, 1000]);
    expect(options.servers).toEqual(['termchat', 'baseline']);
    expect(resolveBenchOptions({ scale: true, transports: 'ws', clients: '10,20' })).toMatchObject({ servers: ['termchat'], tiers: [10, 20] });
  });

  it('--idle N is its own mode', () => {
    expect(resolveBenchOptions({ idle: '2000' })).toMatchObject({ mode: 'idle', idleConnections: 2000, servers: ['termchat', 'baseline'] });
  });
});

describe('TERMCHAT_BENCH_SERVER_NODE_ARGS and TERMCHAT_BENCH_WORKER_NODE_ARGS', () => {
  it('adds nothing when unset or blank', () => {
    expect(benchNodeArgs('server', {})).toEqual([]);
    expect(benchNodeArgs('worker', { TERMCHAT_BENCH_WORKER_NODE_ARGS: '  ' })).toEqual([]);
  });

  it('splits the flags on whitespace, each side reading its own variable', () => {
    const env = { TERMCHAT_BENCH_SERVER_NODE_ARGS: ' --cpu-prof\t--cpu-prof-dir=out/prof  ', TERMCHAT_BENCH_WORKER_NODE_ARGS: '--trace-gc' };
    expect(benchNodeArgs('server', env)).toEqual(['--cpu-prof', '--cpu-prof-dir=out/prof']);
    expect(benchNodeArgs('worker', env)).toEqual(['--trace-gc']);
  });
});
