import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../src/ui/format/sparkline.js';

describe('sparkline', () => {
  it('scales from 0 to the largest value', () => {
    expect(sparkline([0, 50, 100], 10)).toBe('▁▅█');
  });

  it('keeps only the last `width` values', () => {
    expect(sparkline([100, 1, 2, 3, 4], 2)).toBe('▆█');
  });

  it('draws a flat line for equal values and nothing for no values', () => {
    expect(sparkline([7, 7, 7], 5)).toBe('███');
    expect(sparkline([], 5)).toBe('');
    expect(sparkline([1, 2], 0)).toBe('');
  });

  it('draws non-finite and negative values as the lowest bar', () => {
    expect(sparkline([Number.NaN, -3, 10], 3)).toBe('▁▁█');
    expect(sparkline([0, 0], 3)).toBe('▁▁');
  });
});
