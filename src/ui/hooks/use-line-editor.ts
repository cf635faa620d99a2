import { useCallback, useRef, useState } from 'react';
import { emptyLineEditor, lineEditorReducer, type LineEditorAction, type LineEditorState } from '../state/line-editor.js';

/** The line editor's state for rendering, and synchronous access for key handlers. */
export interface LineEditor {
  readonly state: LineEditorState;
  /** Applies an action now and returns the new state. */
  readonly dispatch: (action: LineEditorAction) => LineEditorState;
  /** The state as of the last dispatch, even before React re-rendered. */
  readonly current: () => LineEditorState;
}

/**
 * The line editor reducer held in a ref as well as in React state: one terminal read can carry
 * several keys (typed text and Enter together), and Enter must see the text just inserted, which
 * React state would only show after the next render.
 */
export function useLineEditor(initial: LineEditorState = emptyLineEditor): LineEditor {
  const ref = useRef(initial);
  const [state, setState] = useState(initial);
  const dispatch = useCallback((action: LineEditorAction) => {
    ref.current = lineEditorReducer(ref.current, action);
    setState(ref.current);
    return ref.current;
  }, []);
  const current = useCallback(() => ref.current, []);
  return { state, dispatch, current };
}
