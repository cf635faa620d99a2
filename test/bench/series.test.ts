import { describe, expect, it } from 'vitest';
import { averages, deltas, fillGaps, maxSeries, PerSecond, secondIndex, sumSeries, sumTotals } from '../../src/bench/figures/series.js';

describe('per-second series', () => {
  it('buckets moments by whole seconds from the origin, earlier ones in the first', () => {
    expect([1000, 1999, 2000, 5500, 500].map((t) => secondIndex(t, 1000))).toEqual([0, 0, 1, 4, 0]);
  });

  it('adds and keeps maxima into growing buckets', () => {
    const sums = new PerSecond();
    sums.add(2, 5);
    sums.add(2, 1);
    sums.add(0, 3);
    expect(sums.values).toEqual([3, 0, 6]);
    const max = new PerSecond();
    max.max(1, 4);
    max.max(1, 2);
    expect(max.values).toEqual([0, 4]);
  });

  it('turns running totals into per-second amounts', () => {
    expect(deltas([5, 5, 15, 16])).toEqual([5, 0, 10, 1]);
  });

  it('sums workers: amounts pad with nothing, totals with their last value', () => {
    expect(sumSeries([[1, 2, 3], [10]])).toEqual([11, 2, 3]);
    expect(sumTotals([[1, 2, 3], [10]])).toEqual([11, 12, 13]);
    expect(maxSeries([[1, 9], [5]])).toEqual([5, 9]);
  });

  it('averages per second, null where nothing arrived, and fills gaps for charts', () => {
    const avg = averages([10, 0, 30], [2, 0, 3]);
    expect(avg).toEqual([5, null, 10]);
    expect(fillGaps([null, ...avg])).toEqual([0, 5, 5, 10]);
  });
});
