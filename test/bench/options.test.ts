import { describe, expect, it } from 'vitest';
import { benchNodeArgs } from '../../src/bench/processes/entry-path.js';

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
