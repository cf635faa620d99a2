import { useCallback, useRef, useState } from 'react';
import type { ChatClient } from '../../transports/types.js';
import type { WireEvent } from '../../transports/wire-events.js';
import { clockOf } from '../clock.js';
import type { ScrollAction } from '../state/scroll-window.js';
import { appendWire, emptyWireLog, followWire, scrollWire, wireWindow, type WireLog, type WireScroll } from '../state/wire-log.js';
import { useClientEffect } from './use-client-effect.js';

/** The pane redraws at most this often however busy the wire: events wait and come in batches. */
export const WIRE_REFRESH_MS = 100;

/** What the wire pane shows and how it scrolls. */
export interface WirePane {
  readonly log: WireLog;
  /** The events on screen, oldest first. */
  readonly shown: readonly WireEvent[];
  /** The number of the first one shown, counted since the pane opened: a key for each row. */
  readonly from: number;
  readonly following: boolean;
  readonly scroll: (action: ScrollAction) => void;
}

interface PaneState {
  /** What this state was gathered for: an opening of the pane on one client. */
  readonly session: object;
  readonly client: ChatClient;
  readonly log: WireLog;
  readonly scroll: WireScroll;
}

/**
 * The wire pane's events for `client` while `session` is set (one object per opening, so that a
 * pane opened again starts empty), `height` rows of them. It listens only while open: a closed
 * pane costs nothing, the client telling no events to nobody.
 */
export function useWirePane(client: ChatClient, session: object | undefined, height: number): WirePane {
  const fresh = (opened: object): PaneState => ({ session: opened, client, log: emptyWireLog, scroll: followWire });
  const [state, setState] = useState<PaneState | undefined>(undefined);
  const current = session === undefined ? undefined : state?.session === session && state.client === client ? state : fresh(session);
  const latest = useRef({ current, height });
  latest.current = { current, height };

  useClientEffect(() => {
    if (session === undefined) return;
    // What was gathered for another client or opening goes now: coming back to a client it left
    // while nothing came for the other must not show what it had then as if it were live.
    setState((previous) => (previous?.session === session && previous.client === client ? previous : fresh(session)));
    const clock = clockOf(client);
    let pending: WireEvent[] = [];
    let timer: unknown;
    const flush = (): void => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setState((previous) => {
        const base = previous?.session === session && previous.client === client ? previous : fresh(session);
        return { ...base, log: appendWire(base.log, batch) };
      });
    };
    const stop = client.watchWire((event) => {
      pending.push(event);
      timer ??= clock.setTimeout(flush, WIRE_REFRESH_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) clock.clearTimeout(timer);
    };
  }, [client, session]);

  const scroll = useCallback((action: ScrollAction) => {
    const { current: shownState, height: rows } = latest.current;
    if (shownState === undefined) return;
    setState({ ...shownState, scroll: scrollWire(shownState.scroll, action, shownState.log, rows) });
  }, []);

  const log = current?.log ?? emptyWireLog;
  const scrolled = current?.scroll ?? followWire;
  const window = wireWindow(scrolled, log, height);
  return { log, shown: log.events.slice(window.start, window.end), from: log.total - log.events.length + window.start, following: window.end === log.events.length, scroll };
}
