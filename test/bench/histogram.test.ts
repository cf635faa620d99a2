import { describe, expect, it } from 'vitest';
import { keyOf, LatencyHistogram } from '../../src/bench/figures/histogram.js';

describe('latency histogram', () => {
  it('keeps whole milliseconds exactly and finer values at a fixed precision', () => {
    expect(keyOf(63)).toBe(63);
    expect(keyOf(0.864)).toBe(0.86);
    expect(keyOf(64.11)).toBe(64.1);
    expect(keyOf(1234.6)).toBe(1235);
    expect(keyOf(-3)).toBe(0);
  });

  it('gives mean, nearest-rank percentiles and max', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) h.add(i);
    expect(h.count).toBe(100);
    expect(h.mean()).toBe(50.5);
    expect(h.percentile(0.5)).toBe(50);
    expect(h.percentile(0.99)).toBe(99);
    expect(h.percentile(1)).toBe(100);
    expect(h.max()).toBe(100);
  });

  it('is empty without samples', () => {
    const h = new LatencyHistogram();
    expect(h.mean()).toBeUndefined();
    expect(h.percentile(0.5)).toBeUndefined();
    expect(h.toJSON()).toEqual({ count: 0, sum: 0, min: 0, max: 0, buckets: [] });
  });

  it('merges what other processes measured as if it had seen every sample', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const all = new LatencyHistogram();
    for (let i = 0; i < 50; i++) {
      a.add(i % 7);
      b.add(100 + i);
      all.add(i % 7);
      all.add(100 + i);
    }
    const merged = LatencyHistogram.from(a.toJSON());
    merged.merge(b.toJSON());
    expect(merged.toJSON()).toEqual(all.toJSON());
    expect(merged.percentile(0.5)).toBe(all.percentile(0.5));
  });

  it('counts a negative trip (a clock stepping back) as zero', () => {
    const h = new LatencyHistogram();
    h.add(-2);
    expect(h.max()).toBe(0);
  });
});
