import { describe, expect, it } from 'vitest';
import type { ConversationEntry } from '../../../src/ui/state/conversation.js';
import { findInHistory, matchCount, stepMatch } from '../../../src/ui/state/search.js';

const said = (seq: number, text: string): ConversationEntry => ({ kind: 'chat', seq, user: 'bob', text, at: 0, own: false });

describe('searching the history', () => {
  const entries: ConversationEntry[] = [said(1, 'Deploy at noon'), { kind: 'system', seq: 2, at: 0, text: 'deploy joined', tone: 'muted' }, said(3, 'lunch'), said(4, 'the deploy failed'), said(5, 'DEPLOY again')];

  it('finds the messages holding the words, ignoring case, never system lines', () => {
    expect(findInHistory(entries, 'deploy')).toEqual([1, 4, 5]);
    expect(findInHistory(entries, 'y f')).toEqual([4]);
    expect(findInHistory(entries, '')).toEqual([]);
  });

  it('starts from the newest match and steps older and newer, stopping at either end', () => {
    const matches = [1, 4, 5];
    expect(stepMatch(matches, undefined, 0)).toBe(5);
    expect(stepMatch(matches, 5, -1)).toBe(4);
    expect(stepMatch(matches, 4, -1)).toBe(1);
    expect(stepMatch(matches, 1, -1)).toBe(1);
    expect(stepMatch(matches, 1, 1)).toBe(4);
    expect(stepMatch(matches, 5, 1)).toBe(5);
    expect(stepMatch(matches, 3, -1)).toBe(1);
    expect(stepMatch([], undefined, 0)).toBeUndefined();
    expect(matchCount(matches, 4)).toBe('2/3');
    expect(matchCount([], undefined)).toBe('0/0');
  });
});
