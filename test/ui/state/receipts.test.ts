import { describe, expect, it } from 'vitest';
import type { ConversationEntry } from '../../../src/ui/state/conversation.js';
import { mergeReads, seenBy, seenText } from '../../../src/ui/state/receipts.js';

const own = (seq: number, id: number): ConversationEntry => ({ kind: 'chat', seq, id, user: 'alice', text: 'mine', at: 0, own: true, delivery: 'delivered' });
const theirs = (seq: number, id: number): ConversationEntry => ({ kind: 'chat', seq, id, user: 'bob', text: 'theirs', at: 0, own: false });

describe('read receipts in the chat', () => {
  it('keeps each reader’s furthest position, the same map when nothing moved, and only so many readers', () => {
    const first = mergeReads(new Map(), [{ user: 'bob', id: 3 }]);
    expect(mergeReads(first, [{ user: 'bob', id: 2 }])).toBe(first);
    const second = mergeReads(first, [{ user: 'bob', id: 5 }, { user: 'carol', id: 1 }]);
    expect([...second]).toEqual([['bob', 5], ['carol', 1]]);
    const capped = mergeReads(second, [{ user: 'dave', id: 1 }], 2);
    expect([...capped.keys()]).toEqual(['carol', 'dave']);
  });

  it('puts each reader under the newest of your messages they reached, never you, never others’ messages', () => {
    const entries = [own(1, 1), theirs(2, 2), own(3, 3), theirs(4, 4), own(5, 5), { kind: 'system', seq: 6, at: 0, text: 'x', tone: 'muted' } as const];
    const reads = new Map([
      ['bob', 4],
      ['carol', 3],
      ['dave', 1],
      ['alice', 5],
      ['erin', 0],
    ]);
    expect([...seenBy(entries, reads, 'alice')]).toEqual([
      [3, '✓ seen by bob, carol'],
      [1, '✓ seen by dave'],
    ]);
    expect(seenBy(entries, new Map(), 'alice').size).toBe(0);
    expect(seenBy([theirs(1, 1)], reads, 'alice').size).toBe(0);
  });

  it('counts readers rather than name them when there are many', () => {
    expect(seenText(['a', 'b', 'c'])).toBe('✓ seen by a, b, c');
    expect(seenText(Array.from({ length: 12 }, (_, i) => `u${i}`))).toBe('✓ seen by 12');
  });
});
