import { describe, expect, it } from 'vitest';
import { checkCompleteness, type ReceiverRecord } from '../../src/bench/figures/completeness.js';
import { toRanges } from '../../src/bench/figures/ranges.js';

const receiver = (name: string, open: [number, number][], ids: number[], duplicates = 0): ReceiverRecord => ({ name, open, received: toRanges(ids), duplicates });
const messages = [
  { id: 1, committedAt: 100 },
  { id: 2, committedAt: 200 },
  { id: 3, committedAt: 300 },
];

describe('completeness', () => {
  it('every message reached every client connected when it was committed', () => {
    const result = checkCompleteness(messages, [receiver('a', [[0, 1000]], [1, 2, 3]), receiver('b', [[0, 1000]], [1, 2, 3])]);
    expect(result).toMatchObject({ messages: 3, expected: 6, delivered: 6, missing: 0, duplicates: 0, extra: 0 });
  });

  it('finds the pairs that are missing, by id and receiver', () => {
    const result = checkCompleteness(messages, [receiver('a', [[0, 1000]], [1, 3]), receiver('b', [[0, 1000]], [1, 2, 3])]);
    expect(result.missing).toBe(1);
    expect(result.missingSamples).toEqual([{ id: 2, receiver: 'a' }]);
  });

  it('does not expect what was committed while a client was away, and counts it as extra when a resume caught it up', () => {
    const late = receiver('late', [[250, 1000]], [1, 2, 3]);
    const away = receiver('away', [
      [0, 150],
      [350, 1000],
    ], [1]);
    const result = checkCompleteness(messages, [late, away]);
    expect(result).toMatchObject({ expected: 2, missing: 0, delivered: 4, extra: 2 });
  });

  it('adds up duplicates', () => {
    expect(checkCompleteness(messages, [receiver('a', [[0, 1000]], [1, 2, 3], 2)]).duplicates).toBe(2);
  });
});
