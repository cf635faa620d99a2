import { describe, expect, it } from 'vitest';
import { nextExpiry, noteMessage, noteTyping, pruneTyping, TYPING_TTL_MS, typingLabel } from '../../../src/ui/state/typing.js';

describe('typing', () => {
  it('shows a name until it expires, longer when repeated', () => {
    let state = noteTyping(new Map(), 'bob', 0);
    expect(nextExpiry(state)).toBe(TYPING_TTL_MS);
    state = noteTyping(state, 'bob', 3000);
    expect([...pruneTyping(state, TYPING_TTL_MS).keys()]).toEqual(['bob']);
    expect([...pruneTyping(state, 3000 + TYPING_TTL_MS).keys()]).toEqual([]);
  });

  it('returns the same state when nothing expired', () => {
    const state = noteTyping(new Map(), 'bob', 0);
    expect(pruneTyping(state, 1)).toBe(state);
  });

  it('drops a name when its message arrives', () => {
    expect(noteMessage(noteTyping(new Map(), 'bob', 0), 'bob').size).toBe(0);
  });

  it('says who is typing', () => {
    expect(typingLabel([])).toBe('');
    expect(typingLabel(['Bob'])).toBe('Bob is typing…');
    expect(typingLabel(['Bob', 'Carol'])).toBe('Bob and Carol are typing…');
    expect(typingLabel(['Bob', 'Carol', 'Dan'])).toBe('Bob, Carol and 1 other are typing…');
    expect(typingLabel(['Bob', 'Carol', 'Dan', 'Eve'])).toBe('Bob, Carol and 2 others are typing…');
  });
});
