import { useCallback, useMemo, useRef, useState } from 'react';
import type { InputIntent } from '../input/key-intents.js';
import type { ConversationEntry } from '../state/conversation.js';
import { findInHistory, matchCount, searchOff, stepMatch, type SearchState } from '../state/search.js';
import type { ScrollAction, ScrollState } from '../state/scroll-window.js';
import { useLineEditor, type LineEditor } from './use-line-editor.js';

/** A search of the room on screen, as the screen uses it. */
export interface Search {
  readonly state: SearchState;
  /** What the search line holds, to edit and draw. */
  readonly editor: LineEditor;
  /** "search 3/12 › ": the prompt while searching. */
  readonly prompt: string;
  /** Starts a search (Ctrl+R, or /search WORD with `query`). */
  readonly begin: (query?: string) => void;
  /** Takes the keys that mean something else while searching; false for those that do not. */
  readonly handle: (intent: InputIntent) => boolean;
}

/**
 * Searching the loaded history of the room on screen, readline's reverse search for a chat: what is
 * typed is sought as it is typed, the newest match comes into view with every match drawn apart,
 * ↑ or Ctrl+R goes to an older one and ↓ to a newer one, Enter stays there and Escape goes back to
 * where the view was. The search line has an editor of its own, so a message being written waits.
 */
export function useSearch(entries: readonly ConversationEntry[], view: ScrollState, scroll: (action: ScrollAction) => void): Search {
  const [state, setState] = useState<SearchState>(searchOff);
  const editor = useLineEditor();
  const latest = useRef({ entries, view, state });
  latest.current = { entries, view, state };
  const matches = useMemo(() => (state.mode === 'on' ? findInHistory(entries, state.query) : []), [entries, state]);

  const show = useCallback(
    (query: string, at: number | undefined, returnTo: ScrollState) => {
      setState({ mode: 'on', query, at, returnTo });
      if (at !== undefined) scroll({ type: 'reveal', seq: at });
    },
    [scroll],
  );

  const seek = useCallback(
    (query: string, step: -1 | 0 | 1) => {
      const { entries: all, state: now, view: where } = latest.current;
      const returnTo = now.mode === 'on' ? now.returnTo : where;
      const at = stepMatch(findInHistory(all, query), now.mode === 'on' && step !== 0 ? now.at : undefined, step);
      show(query, at, returnTo);
    },
    [show],
  );

  const begin = useCallback(
    (query = '') => {
      editor.dispatch({ type: 'set', text: query, cursor: query.length });
      seek(query, 0);
    },
    [editor, seek],
  );

  const end = useCallback(
    (back: boolean) => {
      const now = latest.current.state;
      if (now.mode === 'off') return;
      setState(searchOff);
      editor.dispatch({ type: 'set', text: '', cursor: 0 });
      if (back) scroll({ type: 'restore', state: now.returnTo });
    },
    [editor, scroll],
  );

  const handle = useCallback(
    (intent: InputIntent): boolean => {
      if (latest.current.state.mode === 'off') {
        if (intent.type !== 'search') return false;
        begin();
        return true;
      }
      switch (intent.type) {
        case 'search':
          seek(editor.current().text, -1);
          return true;
        case 'edit': {
          const { action } = intent;
          if (action.type === 'historyPrev' || action.type === 'historyNext') {
            seek(editor.current().text, action.type === 'historyPrev' ? -1 : 1);
            return true;
          }
          const before = editor.current().text;
          const after = editor.dispatch(action).text;
          if (after !== before) seek(after, 0);
          return true;
        }
        case 'submit':
          end(false);
          return true;
        case 'escape':
          end(true);
          return true;
        case 'room':
        case 'roomStep':
          // Another room: the search was this one's.
          end(false);
          return false;
        case 'complete':
        case 'mention':
          return true;
        default:
          return false;
      }
    },
    [begin, seek, end, editor],
  );

  const prompt = state.mode === 'on' ? `search ${matchCount(matches, state.at)} › ` : '';
  return { state, editor, prompt, begin, handle };
}
