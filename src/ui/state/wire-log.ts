import type { WireEvent } from '../../transports/wire-events.js';
import type { ScrollAction } from './scroll-window.js';

/** Events the wire pane keeps: the newest, a few screens' worth; older ones are in --wire-log. */
export const WIRE_LOG_SIZE = 1000;

/** The wire pane's list: the newest events, and what all of them since it opened add up to. */
export interface WireLog {
  /** Oldest first. */
  readonly events: readonly WireEvent[];
  /** Events told since the pane opened: the first one kept is number `total - events.length` (from 0). */
  readonly total: number;
  readonly bytes: number;
  /** Of `bytes`, message text. */
  readonly payload: number;
}

export const emptyWireLog: WireLog = { events: [], total: 0, bytes: 0, payload: 0 };

/** The log with `batch` added at the end, keeping the newest `size`. */
export function appendWire(log: WireLog, batch: readonly WireEvent[], size = WIRE_LOG_SIZE): WireLog {
  if (batch.length === 0) return log;
  let bytes = log.bytes;
  let payload = log.payload;
  for (const event of batch) {
    bytes += event.bytes;
    payload += event.payload;
  }
  const kept = log.events.length + batch.length > size ? [...log.events, ...batch].slice(-size) : [...log.events, ...batch];
  return { events: kept, total: log.total + batch.length, bytes, payload };
}

/**
 * Where the pane is: following shows the newest events as they come; pinned keeps event number
 * `top` (counted since the pane opened, so that trimming old ones does not move the view) at the top.
 */
export type WireScroll = { readonly mode: 'follow' } | { readonly mode: 'pinned'; readonly top: number };

export const followWire: WireScroll = { mode: 'follow' };

/** The events on screen: `log.events` from `start` to `end`, at most `height` of them. */
export function wireWindow(state: WireScroll, log: WireLog, height: number): { readonly start: number; readonly end: number } {
  const rows = Math.max(1, height);
  const kept = log.events.length;
  const first = log.total - kept;
  if (state.mode === 'follow' || state.top - first + rows >= kept) return { start: Math.max(0, kept - rows), end: kept };
  const start = Math.max(0, state.top - first);
  return { start, end: Math.min(kept, start + rows) };
}

/** Applies a key to the pane's position: a page at a time, Home the oldest kept, End back to following. */
export function scrollWire(state: WireScroll, action: ScrollAction, log: WireLog, height: number): WireScroll {
  const rows = Math.max(1, height);
  const first = log.total - log.events.length;
  const { start } = wireWindow(state, log, rows);
  const pin = (index: number): WireScroll => (index + rows >= log.events.length ? followWire : { mode: 'pinned', top: first + Math.max(0, index) });
  switch (action.type) {
    case 'end':
      return followWire;
    case 'home':
      return pin(0);
    case 'pageUp':
      return pin(start - rows);
    case 'pageDown':
      return state.mode === 'follow' ? followWire : pin(start + rows);
    case 'reveal':
    case 'restore':
      // A mention's or a search's moves are the conversation's, never the pane's.
      return state;
  }
}
