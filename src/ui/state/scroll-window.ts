import { indexOfSeq, type ConversationEntry } from './conversation.js';

/**
 * Where the conversation view is. Following shows the newest lines; anchored keeps the entry
 * `topSeq` at the top however many messages arrive. Anchoring to a seq rather than to a line
 * count means no one has to know how many lines the whole history wraps to.
 */
export type ScrollState =
  | { readonly mode: 'follow' }
  | {
      readonly mode: 'anchored';
      readonly topSeq: number;
      /** Entries up to this seq were on screen before the user scrolled up; later ones are "new". */
      readonly seenSeq: number;
    };

export type ScrollAction =
  | { readonly type: 'pageUp' }
  | { readonly type: 'pageDown' }
  | { readonly type: 'home' }
  | { readonly type: 'end' }
  /** Brings the entry `seq` into view, at the top where it can be (a mention, a search match). */
  | { readonly type: 'reveal'; readonly seq: number }
  /** Puts the view back where it was (leaving a search with Escape). */
  | { readonly type: 'restore'; readonly state: ScrollState };

/**
 * What scrolling needs to know about the view. `measure` is how many lines the entry at `index`
 * takes at the current width, with whatever the view draws around it (a day's change, a marker).
 */
export interface ScrollView {
  readonly entries: readonly ConversationEntry[];
  readonly height: number;
  readonly measure: (entry: ConversationEntry, index: number) => number;
}

/** The visible part: entries [start, end), minus `skipTop` lines of the first and whatever of the last does not fit. */
export interface VisibleWindow {
  readonly start: number;
  readonly end: number;
  readonly skipTop: number;
}

export const following: ScrollState = { mode: 'follow' };

/** The window ending with the newest entry, cropping the top of the oldest one shown. Walks only as far back as the height needs. */
export function bottomWindow(view: ScrollView, end = view.entries.length): VisibleWindow {
  const height = Math.max(1, view.height);
  let used = 0;
  for (let i = end - 1; i >= 0; i--) {
    used += view.measure(view.entries[i]!, i);
    if (used >= height) return { start: i, end, skipTop: used - height };
  }
  return { start: 0, end, skipTop: 0 };
}

/** The window starting at entry `start`, or undefined when everything from there fits (the view should follow). */
export function topWindow(view: ScrollView, start: number): VisibleWindow | undefined {
  const height = Math.max(1, view.height);
  let used = 0;
  for (let i = start; i < view.entries.length; i++) {
    used += view.measure(view.entries[i]!, i);
    if (used > height) return { start, end: i + 1, skipTop: 0 };
  }
  return undefined;
}

/** An anchored view gives its last line to the "— N new —" marker. */
function contentView(state: ScrollState, view: ScrollView): ScrollView {
  return state.mode === 'anchored' ? { ...view, height: Math.max(1, view.height - 1) } : view;
}

/**
 * The state as it stands for `view`: an anchor whose entry is gone (after /clear or a history
 * reset) or below which everything now fits (after a resize) is following again.
 */
export function settle(state: ScrollState, view: ScrollView): ScrollState {
  if (state.mode === 'follow') return state;
  const start = indexOfSeq(view.entries, state.topSeq);
  return start === -1 || topWindow(contentView(state, view), start) === undefined ? following : state;
}

/** The window a scroll state shows now, `view.height` being the whole list's height. */
export function visibleWindow(state: ScrollState, view: ScrollView): VisibleWindow {
  const settled = settle(state, view);
  if (settled.mode === 'anchored') {
    const window = topWindow(contentView(settled, view), indexOfSeq(view.entries, settled.topSeq));
    if (window !== undefined) return window;
  }
  return bottomWindow(view);
}

/** Applies a key to the scroll state. Anchors that vanished (after /clear) fall back to following. */
export function scrollReducer(previous: ScrollState, action: ScrollAction, view: ScrollView): ScrollState {
  const { entries } = view;
  if (action.type === 'restore') return settle(action.state, view);
  if (entries.length === 0 || action.type === 'end') return following;
  const state = settle(previous, view);
  const current = visibleWindow(state, view);
  const seenSeq = Math.max(state.mode === 'anchored' ? state.seenSeq : 0, lastVisibleSeq(current, view));
  const anchored = { ...view, height: Math.max(1, view.height - 1) };
  const anchorAt = (index: number): ScrollState =>
    topWindow(anchored, index) === undefined ? following : { mode: 'anchored', topSeq: entries[index]!.seq, seenSeq };
  switch (action.type) {
    case 'home':
      return anchorAt(0);
    case 'reveal': {
      const index = indexOfSeq(entries, action.seq);
      return index === -1 ? state : anchorAt(index);
    }
    case 'pageUp': {
      // The page that ends where this one begins; a cropped first entry is shown whole again.
      const end = current.skipTop > 0 ? current.start + 1 : current.start;
      return anchorAt(end === 0 ? 0 : bottomWindow(anchored, end).start);
    }
    case 'pageDown': {
      if (state.mode === 'follow') return following;
      // Continue with the last entry shown if it was cut, otherwise with the one after it.
      const last = current.end - 1;
      const lastCut = linesShown(current, view) > contentView(state, view).height;
      const next = lastCut && last > current.start ? last : current.end;
      return next >= entries.length ? following : anchorAt(next);
    }
  }
}

function linesShown(window: VisibleWindow, view: ScrollView): number {
  let lines = -window.skipTop;
  for (let i = window.start; i < window.end; i++) lines += view.measure(view.entries[i]!, i);
  return lines;
}

function lastVisibleSeq(window: VisibleWindow, view: ScrollView): number {
  return view.entries[window.end - 1]?.seq ?? 0;
}

/** How many chat messages arrived below the view since the user scrolled up: the "— N new —" marker. */
export function newBelow(previous: ScrollState, view: ScrollView): number {
  const state = settle(previous, view);
  if (state.mode === 'follow') return 0;
  const window = visibleWindow(state, view);
  const after = Math.max(state.seenSeq, lastVisibleSeq(window, view));
  let count = 0;
  // Walk back from the newest only while entries are newer than what was seen: cost grows with N, not history.
  for (let i = view.entries.length - 1; i >= 0; i--) {
    const entry = view.entries[i]!;
    if (entry.seq <= after) break;
    if (entry.kind === 'chat') count++;
  }
  return count;
}
