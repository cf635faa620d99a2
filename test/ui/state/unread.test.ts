import { describe, expect, it } from 'vitest';
import { unreadReducer, unseenRoom, type UnreadEvent, type UnreadState } from '../../../src/ui/state/unread.js';

const run = (state: UnreadState, ...events: UnreadEvent[]): UnreadState => events.reduce(unreadReducer, state);
const message = (seq: number, mention = false): UnreadEvent => ({ type: 'message', seq, mention });
const seeing = (on: boolean, lastSeq: number): UnreadEvent => ({ type: 'seeing', seeing: on, lastSeq });

describe('unread bookkeeping', () => {
  it('counts messages and mentions only while you do not look', () => {
    const looking = run(unseenRoom, seeing(true, 4), message(5), message(6, true));
    expect(looking).toMatchObject({ unread: 0, mentions: 0, marker: undefined });
    const away = run(looking, seeing(false, 6), message(7), message(8, true), message(9));
    expect(away).toMatchObject({ unread: 3, mentions: 1, marker: 6 });
  });

  it('clears the counts when you look again and keeps "— new —" where you left off until you look away or write', () => {
    const back = run(unseenRoom, seeing(true, 2), seeing(false, 2), message(3), seeing(true, 3));
    expect(back).toMatchObject({ seeing: true, unread: 0, mentions: 0, marker: 2 });
    expect(run(back, { type: 'sent' }).marker).toBeUndefined();
    // Looking away again moves the place you left off to where you are; no marker until news comes.
    const again = run(back, seeing(false, 3));
    expect(again).toMatchObject({ marker: undefined, leftAt: 3 });
    expect(run(again, message(4)).marker).toBe(3);
  });

  it('marks a room never looked at just before its first news', () => {
    expect(run(unseenRoom, message(11), message(12))).toMatchObject({ unread: 2, marker: 10 });
  });

  it('returns the same state for what changes nothing', () => {
    const state = run(unseenRoom, seeing(true, 0));
    expect(unreadReducer(state, seeing(true, 5))).toBe(state);
    expect(unreadReducer(state, message(6))).toBe(state);
    expect(unreadReducer(state, { type: 'sent' })).toBe(state);
  });
});
