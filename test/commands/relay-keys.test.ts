import { describe, expect, it } from 'vitest';
import { KEYS_LINES, RELAY_KEYS } from '../../src/commands/relay-keys.js';
import { CLEAN, nextCondition, type NetChange, type NetCondition } from '../../src/relay/index.js';

/** The change key `key` makes under `condition`. */
const act = (key: string, condition: NetCondition): NetChange | 'quit' => RELAY_KEYS.find((k) => k.key === key)!.act(condition);
const under = (...changes: NetChange[]): NetCondition => changes.reduce((condition, change) => nextCondition(condition, change, 0), CLEAN);

/** The delays (or caps) pressing `key` again and again goes through, from `start`. */
function cycle(key: 'd' | 'r', start: NetCondition, presses: number): (number | undefined)[] {
  const seen: (number | undefined)[] = [];
  let condition = start;
  for (let i = 0; i < presses; i++) {
    condition = nextCondition(condition, act(key, condition) as NetChange, 0);
    seen.push(key === 'd' ? condition.shaping.delayMs : condition.shaping.rateBitsPerSecond);
  }
  return seen;
}

describe("termchat relay's keys", () => {
  it('d steps the delay through 0, 50, 100 and 300 ms, from wherever --net left it, keeping what jitter still fits', () => {
    expect(cycle('d', CLEAN, 5)).toEqual([50, 100, 300, 0, 50]);
    expect(cycle('d', under({ kind: 'delay', ms: 75, jitterMs: 0 }), 2)).toEqual([100, 300]);
    expect(cycle('d', under({ kind: 'delay', ms: 500, jitterMs: 0 }), 2)).toEqual([0, 50]);
    expect(act('d', under({ kind: 'delay', ms: 100, jitterMs: 80 }))).toEqual({ kind: 'delay', ms: 300, jitterMs: 80 });
    expect(act('d', under({ kind: 'delay', ms: 300, jitterMs: 80 }))).toEqual({ kind: 'delay', ms: 0, jitterMs: 0 });
  });

  it('r steps the cap through none, 1 Mbit/s and 56 kbit/s', () => {
    expect(cycle('r', CLEAN, 4)).toEqual([1_000_000, 56_000, undefined, 1_000_000]);
    expect(cycle('r', under({ kind: 'rate', bitsPerSecond: 512_000 }), 1)).toEqual([1_000_000]);
    expect(cycle('r', under({ kind: 'rate', bitsPerSecond: 2_000_000 }), 1)).toEqual([undefined]);
  });

  it('b turns the blackhole on and off; c, o, h and q do one thing each', () => {
    expect(act('b', CLEAN)).toEqual({ kind: 'blackhole', on: true });
    expect(act('b', under({ kind: 'blackhole', on: true }))).toEqual({ kind: 'blackhole', on: false });
    expect(act('c', CLEAN)).toEqual({ kind: 'cut' });
    expect(act('o', CLEAN)).toEqual({ kind: 'down', ms: 10_000 });
    expect(act('h', under({ kind: 'blackhole', on: true }))).toEqual({ kind: 'heal' });
    expect(act('q', CLEAN)).toBe('quit');
  });

  it('are one letter each, and shown in lines of at most 80 columns', () => {
    const keys = RELAY_KEYS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z]$/);
    expect(KEYS_LINES.every((line) => line.length <= 80)).toBe(true);
    const shown = KEYS_LINES.join('\n');
    for (const { key, label } of RELAY_KEYS) expect(shown).toContain(`${key} ${label}`);
  });
});
