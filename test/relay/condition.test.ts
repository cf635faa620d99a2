import { describe, expect, it } from 'vitest';
import { CLEAN, isClean, nextCondition, outOfLimits, type NetChange, type NetCondition } from '../../src/relay/condition.js';

const NOW = 5000;
const after = (...changes: NetChange[]): NetCondition => changes.reduce((condition, change) => nextCondition(condition, change, NOW), CLEAN);
const slow = { delayMs: 100, jitterMs: 20, rateBitsPerSecond: 56_000 };
const DELAY: NetChange = { kind: 'delay', ms: 100, jitterMs: 20 };
const RATE: NetChange = { kind: 'rate', bitsPerSecond: 56_000 };

describe('the network condition', () => {
  it('combines delay and rate, each change replacing its own part only', () => {
    expect(after(DELAY, RATE)).toEqual({ mode: 'flowing', shaping: slow });
    expect(after(DELAY, RATE, { kind: 'rate', bitsPerSecond: undefined }).shaping).toEqual({ delayMs: 100, jitterMs: 20, rateBitsPerSecond: undefined });
    expect(after(RATE, { kind: 'delay', ms: 0, jitterMs: 0 }).shaping).toEqual({ delayMs: 0, jitterMs: 0, rateBitsPerSecond: 56_000 });
  });

  it('lets blackhole and down override the shaping and keeps it for afterwards', () => {
    expect(after(DELAY, RATE, { kind: 'blackhole', on: true })).toEqual({ mode: 'blackhole', shaping: slow });
    expect(after(DELAY, RATE, { kind: 'blackhole', on: true }, { kind: 'blackhole', on: false })).toEqual({ mode: 'flowing', shaping: slow });
    expect(after(DELAY, RATE, { kind: 'down', ms: 10_000 })).toEqual({ mode: 'down', shaping: slow, until: NOW + 10_000 });
    // Shaping changed under an override stays under it.
    expect(after({ kind: 'blackhole', on: true }, DELAY, RATE)).toEqual({ mode: 'blackhole', shaping: slow });
    expect(after({ kind: 'down', ms: 1000 }, DELAY)).toMatchObject({ mode: 'down', until: NOW + 1000, shaping: { delayMs: 100 } });
  });

  it('ends a blackhole only by turning it off, a cut or heal; turning it off elsewhere changes nothing', () => {
    const down = after({ kind: 'down', ms: 1000 });
    expect(nextCondition(down, { kind: 'blackhole', on: false }, NOW)).toBe(down);
    expect(after(RATE, { kind: 'blackhole', on: true }, { kind: 'cut' })).toEqual({ mode: 'flowing', shaping: after(RATE).shaping });
    expect(after(DELAY, RATE, { kind: 'blackhole', on: true }, { kind: 'heal' })).toBe(CLEAN);
    expect(after({ kind: 'down', ms: 1000 }, { kind: 'blackhole', on: true })).toEqual({ mode: 'blackhole', shaping: CLEAN.shaping });
  });

  it('is clean only flowing without delay or cap', () => {
    expect(isClean(CLEAN)).toBe(true);
    expect(isClean(after({ kind: 'delay', ms: 0, jitterMs: 0 }))).toBe(true);
    expect(isClean(after(DELAY))).toBe(false);
    expect(isClean(after(RATE))).toBe(false);
    expect(isClean(after({ kind: 'blackhole', on: true }))).toBe(false);
    expect(isClean(after({ kind: 'down', ms: 1000 }))).toBe(false);
  });

  it.each<[NetChange, string | undefined]>([
    [DELAY, undefined],
    [{ kind: 'delay', ms: -5, jitterMs: 0 }, 'delay -5 ± 0 ms is outside 0 to 60000 ms (jitter up to the delay)'],
    [{ kind: 'delay', ms: 10, jitterMs: 20 }, 'delay 10 ± 20 ms is outside 0 to 60000 ms (jitter up to the delay)'],
    [{ kind: 'rate', bitsPerSecond: 10 }, 'rate 10 bit/s is outside 1000 to 10000000000'],
    [{ kind: 'rate', bitsPerSecond: undefined }, undefined],
    [{ kind: 'down', ms: Number.NaN }, 'down NaN ms is outside 100 to 3600000 ms'],
    [{ kind: 'cut' }, undefined],
  ])('holds %j to the limits', (change, problem) => {
    expect(outOfLimits(change)).toBe(problem);
  });
});
