import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyTracker, overheadPerMessage, percentile, ratePerSecond, SampleWindow, utf8Length, wastedPercent } from '../../src/transports/stats-math.js';

describe('stats arithmetic', () => {
  it('percentile by nearest rank', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile([3, 1, 2], 1)).toBe(3);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([], 0.95)).toBeUndefined();
  });

  it('a sample window keeps the newest, oldest first', () => {
    const window = new SampleWindow(3);
    for (let i = 1; i <= 10; i++) window.push(i);
    expect(window.values()).toEqual([8, 9, 10]);
  });

  it('latency: last and average over all, median and p95 over the window, recent for a sparkline', () => {
    const tracker = new LatencyTracker(10, 3);
    expect(tracker.summary()).toEqual({ last: undefined, avg: undefined, p50: undefined, p95: undefined, recent: [], count: 0 });
    for (let i = 1; i <= 20; i++) tracker.add(i);
    expect(tracker.summary()).toEqual({ last: 20, avg: 10.5, p50: 15, p95: 20, recent: [18, 19, 20], count: 20 });
    tracker.add(-5); // clock skew between hosts, not negative time
    expect(tracker.summary().last).toBe(0);
  });

  it('waste and overhead', () => {
    expect(wastedPercent(0, 0)).toBeUndefined();
    expect(wastedPercent(20, 19)).toBe(95);
    expect(overheadPerMessage(1000, 3000, 400, 0)).toBeUndefined();
    expect(overheadPerMessage(1000, 3000, 400, 10)).toBe(360);
    expect(overheadPerMessage(10, 10, 400, 1)).toBe(0);
  });

  it('rate over the last window, a young client divided by its age', () => {
    const times = [0, 1000, 4000, 5500, 6000, 6500];
    expect(ratePerSecond(times, 7000, 5000, -60_000)).toBe(4 / 5);
    expect(ratePerSecond([100, 200, 300], 500, 5000, 0)).toBe(3);
    expect(ratePerSecond([1000, 2000], 3000, 5000, 0)).toBe(2 / 3);
    expect(ratePerSecond([], 3000, 5000, 0)).toBe(0);
  });

  it('counts UTF-8 bytes as Buffer does, lone surrogates as U+FFFD, without Buffer', () => {
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('héllo ☃ 😀')).toBe(Buffer.byteLength('héllo ☃ 😀'));
    for (const odd of ['\ud800', 'a\udc00b', '\udbff\udbff\udc00', '\ud83d']) expect(utf8Length(odd), JSON.stringify(odd)).toBe(Buffer.byteLength(odd));
    const units = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), fc.constantFrom('a', 'é', '中', '😀'));
    fc.assert(fc.property(fc.string({ unit: units, maxLength: 40 }), (text) => utf8Length(text) === Buffer.byteLength(text)));
  });
});
