import { describe, expect, it } from 'vitest';
import { combineReps, median } from '../../src/bench/figures/aggregate.js';
import { figures } from './fixtures.js';

describe('repetitions', () => {
  it('median ignores nulls', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5])).toBe(5);
    expect(median([null])).toBeNull();
  });

  it('one row per run: medians of figures and series, completeness counts summed', () => {
    const runs = [figures('ws', 3, 1, { tcpConnections: 3 }), figures('ws', 3, 5, { tcpConnections: 3 }), figures('ws', 3, 2, { tcpConnections: 3 })];
    const bad = { ...runs[2]!, missing: 4 };
    const combined = combineReps([runs[0]!, runs[1]!, bad]);
    expect(combined.latencyAvgMs).toBe(2);
    expect(combined.connections).toBe(3);
    expect(combined.missing).toBe(4);
    expect(combined.series.avgLatencyMs).toEqual([2]);
    expect(combined.latencyHistogram.count).toBe(runs.reduce((n, r) => n + r.latencyHistogram.count, 0));
    expect(combineReps([runs[0]!])).toBe(runs[0]);
  });
});
