import { describe, expect, it } from 'vitest';
import { fractionalWallClock, preciseNow } from '../../src/transports/clock.js';

/** A wall clock (whole ms, settable) and a monotonic one (fractional), advanced together. */
function fakeSources(startWall: number) {
  let mono = 1000.25;
  let wallTrue = startWall + 0.3;
  return {
    sources: { wall: () => Math.floor(wallTrue), monotonic: () => mono, origin: wallTrue - mono },
    advance(ms: number) {
      mono += ms;
      wallTrue += ms;
    },
    setWall(ms: number) {
      wallTrue = ms;
    },
  };
}

describe('fractionalWallClock', () => {
  it('reads epoch milliseconds with the monotonic clock’s fraction', () => {
    const fake = fakeSources(1_795_000_000_000);
    const now = fractionalWallClock(fake.sources);
    expect(now()).toBeCloseTo(1_795_000_000_000.3, 6);
    fake.advance(0.4);
    expect(now()).toBeCloseTo(1_795_000_000_000.7, 6);
    fake.advance(1.05);
    expect(now()).toBeCloseTo(1_795_000_000_001.75, 6);
  });

  it('takes the wall clock’s side when the system clock is set, forward or back', () => {
    const fake = fakeSources(1_795_000_000_000);
    const now = fractionalWallClock(fake.sources);
    fake.setWall(1_795_000_060_000.9);
    expect(now()).toBe(1_795_000_060_000.5);
    fake.advance(0.25);
    expect(now()).toBe(1_795_000_060_000.75);
    fake.setWall(1_794_999_000_000);
    expect(now()).toBe(1_794_999_000_000.5);
  });

  it('keeps within a millisecond of Date.now() on this machine', () => {
    let fractional = 0;
    for (let i = 0; i < 1000; i++) {
      const before = Date.now();
      const t = preciseNow();
      const after = Date.now();
      expect(t).toBeGreaterThanOrEqual(before - 2);
      expect(t).toBeLessThan(after + 3);
      if (!Number.isInteger(t)) fractional++;
    }
    expect(fractional).toBeGreaterThan(900);
  });
});
