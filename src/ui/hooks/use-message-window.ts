import { useCallback, useMemo, useRef, useState } from 'react';
import { DEFAULT_STYLE, type EntryLine, type LineStyle } from '../format/entry-lines.js';
import { createViewLines, type ViewMarks } from '../format/view-lines.js';
import type { ConversationEntry } from '../state/conversation.js';
import { following, newBelow, scrollReducer, settle, visibleWindow, type ScrollAction, type ScrollState, type ScrollView } from '../state/scroll-window.js';

/** The lines to draw and the scroll controls. */
export interface MessageWindow {
  readonly lines: readonly EntryLine[];
  /** Scrolled up: the marker line's count of new messages below (possibly 0). Undefined while following. */
  readonly newCount: number | undefined;
  /** Where the view is: following the newest, or anchored further up. */
  readonly state: ScrollState;
  /** The entries on screen, [start, end) of the conversation. */
  readonly shown: { readonly start: number; readonly end: number };
  readonly scroll: (action: ScrollAction) => void;
}

const NO_MARKS: ViewMarks = {};

/**
 * Each room keeps its scroll position while another is on screen: `key` names the room whose
 * conversation `entries` is.
 *
 * Lays out only the entries in view: the window walks from the anchor (or the newest entry) just
 * far enough to fill `height`, and each entry's lines are memoised per width and style, so drawing
 * costs the same with 10 or 10,000 messages of history. The result keeps its identity until the
 * entries, the size, the style, the marks or the scroll position change, so a memoised list skips
 * renders caused by typing.
 */
export function useMessageWindow(key: string, entries: readonly ConversationEntry[], width: number, height: number, style: LineStyle = DEFAULT_STYLE, marks: ViewMarks = NO_MARKS): MessageWindow {
  const [positions, setPositions] = useState<ReadonlyMap<string, ScrollState>>(() => new Map());
  const scrollState = positions.get(key) ?? following;
  const latestKey = useRef(key);
  latestKey.current = key;
  const linesAt = useMemo(() => createViewLines(), []);
  const view: ScrollView = useMemo(() => ({ entries, height, measure: (_entry, index) => linesAt(entries, index, width, style, marks).length }), [entries, height, width, style, marks, linesAt]);
  // A key press is applied to the view on screen when React runs the updater, not the one of the render that made `scroll`.
  const latestView = useRef(view);
  latestView.current = view;

  const shown = useMemo(() => {
    const settled = settle(scrollState, view);
    const window = visibleWindow(settled, view);
    const room = settled.mode === 'anchored' ? Math.max(1, height - 1) : height;
    const lines: EntryLine[] = [];
    for (let i = window.start; i < window.end; i++) lines.push(...linesAt(entries, i, width, style, marks));
    return {
      lines: lines.slice(window.skipTop, window.skipTop + room),
      newCount: settled.mode === 'anchored' ? newBelow(settled, view) : undefined,
      state: settled,
      shown: { start: window.start, end: window.end },
    };
  }, [scrollState, view, entries, width, height, style, marks, linesAt]);

  const scroll = useCallback(
    (action: ScrollAction) =>
      setPositions((current) => {
        const room = latestKey.current;
        const next = scrollReducer(current.get(room) ?? following, action, latestView.current);
        return next === current.get(room) ? current : new Map(current).set(room, next);
      }),
    [],
  );
  return useMemo(() => ({ ...shown, scroll }), [shown, scroll]);
}
