import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/transports/backoff.js';

const at = (r: number) => () => r;

describe('backoffDelay', () => {
  it('draws from [ceiling/2, ceiling], the ceiling doubling from 1 s', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, DEFAULT_BACKOFF, at(0)))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, DEFAULT_BACKOFF, at(0.999999)))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffDelay(1, DEFAULT_BACKOFF, at(0.5))).toBe(750);
  });

  it('never exceeds the 30 s cap, and keeps half of it as a floor there', () => {
    for (const attempt of [6, 7, 10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, at(0.999999))).toBe(30_000);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, at(0))).toBe(15_000);
    }
  });

  it('never shrinks from one attempt to the next, whatever the random draws (below the cap)', () => {
    const draws = [0, 0.1, 0.5, 0.9, 0.999999];
    for (let attempt = 1; attempt < 5; attempt++) {
      const most = Math.max(...draws.map((r) => backoffDelay(attempt, DEFAULT_BACKOFF, at(r))));
      const least = Math.min(...draws.map((r) => backoffDelay(attempt + 1, DEFAULT_BACKOFF, at(r))));
      expect(least).toBeGreaterThanOrEqual(most);
    }
  });

  it('spreads clients: different draws give different delays', () => {
    const delays = new Set(Array.from({ length: 100 }, (_, i) => backoffDelay(3, DEFAULT_BACKOFF, at(i / 100))));
    expect(delays.size).toBeGreaterThan(90);
  });

  it('takes small bounds for tests, and treats attempt < 1 as the first', () => {
    const small = { baseMs: 50, capMs: 400 };
    expect(backoffDelay(1, small, at(1))).toBe(50);
    expect(backoffDelay(0, small, at(1))).toBe(50);
    expect(backoffDelay(-3, small, at(0))).toBe(25);
    expect(backoffDelay(20, small, at(1))).toBe(400);
  });

  it('clamps a random source that strays outside [0, 1)', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, at(-5))).toBe(500);
    expect(backoffDelay(1, DEFAULT_BACKOFF, at(7))).toBe(1000);
  });
});
