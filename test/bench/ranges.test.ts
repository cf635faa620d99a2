import { describe, expect, it } from 'vitest';
import { inRanges, rangeCount, toRanges } from '../../src/bench/figures/ranges.js';

describe('id ranges', () => {
  it('compress ids in any order, repeats once', () => {
    expect(toRanges([5, 1, 2, 3, 3, 9, 10])).toEqual([
      [1, 3],
      [5, 5],
      [9, 10],
    ]);
    expect(toRanges([])).toEqual([]);
  });

  it('answer membership and count', () => {
    const ranges = toRanges([1, 2, 3, 5, 9, 10]);
    expect([0, 1, 3, 4, 5, 8, 10, 11].map((id) => inRanges(ranges, id))).toEqual([false, true, true, false, true, false, true, false]);
    expect(rangeCount(ranges)).toBe(6);
  });
});
