import { describe, expect, it } from 'vitest';
import { defaultWorkers, estimateMs, formatDuration, planRuns, shares } from '../../src/bench/running/plan.js';

describe('run plan', () => {
  it('runs tier by tier, every transport of a tier back to back, the order reversed every other repetition', () => {
    const runs = planRuns([5, 50], ['ws', 'baseline'], 2).map((r) => `${r.rep}:${r.clients}:${r.transport}`);
    expect(runs).toEqual(['0:5:ws', '0:5:baseline', '0:50:ws', '0:50:baseline', '1:5:baseline', '1:5:ws', '1:50:baseline', '1:50:ws']);
  });

  it('estimates the wall time and says it in words', () => {
    expect(estimateMs(18, 10_000, 2500)).toBe(225_000);
    expect(formatDuration(225_000)).toBe('3 min 45 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
  });

  it('splits clients over workers in nearly equal shares', () => {
    expect(shares(100, 3)).toEqual([34, 33, 33]);
    expect(shares(2, 5)).toEqual([1, 1]);
    expect(shares(7, 1)).toEqual([7]);
  });

  it('leaves the server a core when choosing workers', () => {
    expect(defaultWorkers(100, 2)).toBe(1);
    expect(defaultWorkers(300, 8)).toBe(3);
    expect(defaultWorkers(5, 1)).toBe(1);
  });
});
