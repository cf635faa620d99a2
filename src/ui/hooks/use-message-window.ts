import { useCallback, useMemo, useRef, useState } from 'react';
import { createLineCache, type EntryLine } from '../format/entry-lines.js';
import type { ConversationEntry } from '../state/conversation.js';
import { following, newBelow, scrollReducer, settle, visibleWindow, type ScrollAction, type ScrollState, type ScrollView } from '../state/scroll-window.js';

/** The lines to draw and the scroll controls. */
export interface MessageWindow {
  readonly lines: readonly EntryLine[];
  /** Scrolled up: the marker line's count of new messages below (possibly 0). Undefined while following. */
  readonly newCount: number | undefined;
  readonly scroll: (action: ScrollAction) => void;
}

/**
 * Lays out only the entries in view: the window walks from the anchor (or the newest entry) just
 * far enough to fill `height`, and each entry's lines are memoised per width, so drawing costs the
 * same with 10 or 10,000 messages of history. The result keeps its identity until the entries,
 * the size or the scroll position change, so a memoised list skips renders caused by typing.
 */
export function useMessageWindow(entries: readonly ConversationEntry[], width: number, height: number): MessageWindow {
  const [scrollState, setScrollState] = useState<ScrollState>(following);
  const linesOf = useMemo(() => createLineCache(), []);
  const view: ScrollView = useMemo(() => ({ entries, height, measure: (entry) => linesOf(entry, width).length }), [entries, height, width, linesOf]);
  // A key press is applied to the view on screen when React runs the updater, not the one of the render that made `scroll`.
  const latestView = useRef(view);
  latestView.current = view;

  const shown = useMemo(() => {
    const settled = settle(scrollState, view);
    const window = visibleWindow(settled, view);
    const room = settled.mode === 'anchored' ? Math.max(1, height - 1) : height;
    const lines: EntryLine[] = [];
    for (let i = window.start; i < window.end; i++) lines.push(...linesOf(entries[i]!, width));
    return {
      lines: lines.slice(window.skipTop, window.skipTop + room),
      newCount: settled.mode === 'anchored' ? newBelow(settled, view) : undefined,
    };
  }, [scrollState, view, entries, width, height, linesOf]);

  const scroll = useCallback((action: ScrollAction) => setScrollState((state) => scrollReducer(state, action, latestView.current)), []);
  return useMemo(() => ({ ...shown, scroll }), [shown, scroll]);
}
