import { describe, expect, it } from 'vitest';
import type { ConversationEntry } from '../../../src/ui/state/conversation.js';
import { bottomWindow, following, newBelow, scrollReducer, visibleWindow, type ScrollState, type ScrollView } from '../../../src/ui/state/scroll-window.js';

/** Entries of one line each unless `tall` says otherwise; seq = index + 1. */
function entries(count: number, tall: Readonly<Record<number, number>> = {}): { list: ConversationEntry[]; measure: (e: ConversationEntry) => number } {
  const list: ConversationEntry[] = Array.from({ length: count }, (_, i) => ({ kind: 'chat', seq: i + 1, user: 'bob', text: `m${i}`, at: 0, own: false }));
  return { list, measure: (e) => tall[e.seq] ?? 1 };
}

const view = (count: number, height: number, tall: Readonly<Record<number, number>> = {}): ScrollView => {
  const { list, measure } = entries(count, tall);
  return { entries: list, height, measure };
};

const scroll = (state: ScrollState, v: ScrollView, ...types: ('pageUp' | 'pageDown' | 'home' | 'end')[]): ScrollState => types.reduce((s, type) => scrollReducer(s, { type }, v), state);

describe('scroll window', () => {
  it('follows the newest entries, cropping the top of a tall one', () => {
    const v = view(10, 5, { 7: 3 });
    expect(bottomWindow(v)).toEqual({ start: 6, end: 10, skipTop: 1 });
  });

  it('shows everything when it fits', () => {
    expect(visibleWindow(following, view(3, 10))).toEqual({ start: 0, end: 3, skipTop: 0 });
  });

  it('measures only what is visible, even with 10,000 entries', () => {
    const { list } = entries(10_000);
    let measured = 0;
    const v: ScrollView = { entries: list, height: 20, measure: () => (measured++, 1) };
    expect(visibleWindow(following, v)).toEqual({ start: 9980, end: 10_000, skipTop: 0 });
    expect(measured).toBeLessThanOrEqual(20);
    measured = 0;
    const top = scroll(following, v, 'home');
    expect(top).toMatchObject({ mode: 'anchored', topSeq: 1 });
    measured = 0;
    visibleWindow(top, v);
    expect(measured).toBeLessThanOrEqual(60);
  });

  it('pages up and down by a screen and comes back to following', () => {
    const v = view(30, 10);
    const up = scroll(following, v, 'pageUp');
    // Following showed 21..30; one page up shows the 9 lines before (one line is the marker).
    expect(up).toMatchObject({ mode: 'anchored', topSeq: 12 });
    const up2 = scroll(up, v, 'pageUp');
    expect(up2).toMatchObject({ mode: 'anchored', topSeq: 3 });
    expect(scroll(up2, v, 'pageUp')).toMatchObject({ mode: 'anchored', topSeq: 1 });
    const down = scroll(up2, v, 'pageDown');
    expect(down).toMatchObject({ mode: 'anchored', topSeq: 12 });
    expect(scroll(down, v, 'pageDown', 'pageDown')).toBe(following);
  });

  it('goes to the oldest with Home and back with End', () => {
    const v = view(30, 10);
    expect(scroll(following, v, 'home')).toMatchObject({ mode: 'anchored', topSeq: 1 });
    expect(scroll(following, v, 'home', 'end')).toBe(following);
  });

  it('stays following when there is nothing to scroll', () => {
    expect(scroll(following, view(3, 10), 'pageUp', 'home')).toBe(following);
    expect(scroll(following, view(0, 10), 'pageUp')).toBe(following);
  });

  it('keeps the view where it is as messages arrive and counts them for the marker', () => {
    const before = view(30, 10);
    const state = scroll(following, before, 'pageUp');
    expect(newBelow(state, before)).toBe(0);
    const after = view(33, 10);
    expect(visibleWindow(state, after).start).toBe(visibleWindow(state, before).start);
    expect(newBelow(state, after)).toBe(3);
  });

  it('counts only messages not yet seen as new after paging down', () => {
    const v = view(40, 10);
    const up = scroll(following, v, 'pageUp', 'pageUp');
    const grown = view(45, 10);
    expect(newBelow(up, grown)).toBe(5);
    expect(newBelow(following, grown)).toBe(0);
  });

  it('falls back to following when the anchor is gone', () => {
    const state: ScrollState = { mode: 'anchored', topSeq: 999, seenSeq: 0 };
    expect(visibleWindow(state, view(30, 10))).toEqual(bottomWindow(view(30, 10)));
    expect(newBelow(state, view(30, 10))).toBe(0);
  });

  it('pages past an entry taller than the screen', () => {
    const v = view(5, 4, { 3: 10 });
    const home = scroll(following, v, 'home');
    expect(home).toMatchObject({ topSeq: 1 });
    const next = scroll(home, v, 'pageDown');
    expect(next).toMatchObject({ topSeq: 3 });
    expect(scroll(next, v, 'pageDown')).toBe(following);
  });
});
