import { sanitizeText } from '../../transports/sanitize.js';

/** The input line: its text (newlines allowed, from a paste), the cursor and the sent-lines history. */
export interface LineEditorState {
  readonly text: string;
  /** UTF-16 index into `text`, always on a grapheme boundary. */
  readonly cursor: number;
  /** Lines sent, oldest first. */
  readonly history: readonly string[];
  /** Which history line is shown, or undefined when editing a fresh line. */
  readonly historyIndex: number | undefined;
  /** The fresh line put aside while browsing history, restored by going past the newest. */
  readonly draft: string;
  /** Inside a bracketed paste: Enter inserts a newline instead of sending. */
  readonly pasting: boolean;
}

export type LineEditorAction =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'deleteForward' }
  | { readonly type: 'left' }
  | { readonly type: 'right' }
  | { readonly type: 'wordLeft' }
  | { readonly type: 'wordRight' }
  | { readonly type: 'lineStart' }
  | { readonly type: 'lineEnd' }
  /** Ctrl+U: everything before the cursor. */
  | { readonly type: 'killToStart' }
  /** Ctrl+K: everything after the cursor. */
  | { readonly type: 'killToEnd' }
  /** Ctrl+W: the word before the cursor and the spaces after it. */
  | { readonly type: 'killWordBack' }
  | { readonly type: 'historyPrev' }
  | { readonly type: 'historyNext' }
  /** The line was taken: remember it in history and start a fresh one. */
  | { readonly type: 'submit' }
  | { readonly type: 'pasteStart' }
  | { readonly type: 'pasteEnd' };

/** History lines kept. */
export const HISTORY_LIMIT = 200;

export const emptyLineEditor: LineEditorState = { text: '', cursor: 0, history: [], historyIndex: undefined, draft: '', pasting: false };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme boundaries of `text`, 0 and text.length included. */
function boundaries(text: string): number[] {
  const points = Array.from(segmenter.segment(text), (part) => part.index);
  points.push(text.length);
  return points;
}

function previousBoundary(text: string, index: number): number {
  let previous = 0;
  for (const point of boundaries(text)) {
    if (point >= index) break;
    previous = point;
  }
  return previous;
}

function nextBoundary(text: string, index: number): number {
  for (const point of boundaries(text)) if (point > index) return point;
  return text.length;
}

/** Start of the word before `index`, skipping the whitespace right before it (readline's Ctrl+W). */
function wordStartBefore(text: string, index: number): number {
  let i = index;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

function wordEndAfter(text: string, index: number): number {
  let i = index;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return i;
}

/** An edit of the text: browsing history ends and the edited line becomes the fresh one. */
function edit(state: LineEditorState, text: string, cursor: number): LineEditorState {
  return { ...state, text, cursor, historyIndex: undefined };
}

/** The line editor reducer. */
export function lineEditorReducer(state: LineEditorState, action: LineEditorAction): LineEditorState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert': {
      const clean = sanitizeText(action.text);
      if (clean === '') return state;
      return edit(state, text.slice(0, cursor) + clean + text.slice(cursor), cursor + clean.length);
    }
    case 'backspace': {
      if (cursor === 0) return state;
      const at = previousBoundary(text, cursor);
      return edit(state, text.slice(0, at) + text.slice(cursor), at);
    }
    case 'deleteForward': {
      if (cursor >= text.length) return state;
      return edit(state, text.slice(0, cursor) + text.slice(nextBoundary(text, cursor)), cursor);
    }
    case 'left':
      return { ...state, cursor: previousBoundary(text, cursor) };
    case 'right':
      return { ...state, cursor: nextBoundary(text, cursor) };
    case 'wordLeft':
      return { ...state, cursor: wordStartBefore(text, cursor) };
    case 'wordRight':
      return { ...state, cursor: wordEndAfter(text, cursor) };
    case 'lineStart':
      return { ...state, cursor: 0 };
    case 'lineEnd':
      return { ...state, cursor: text.length };
    case 'killToStart':
      return cursor === 0 ? state : edit(state, text.slice(cursor), 0);
    case 'killToEnd':
      return cursor === text.length ? state : edit(state, text.slice(0, cursor), cursor);
    case 'killWordBack': {
      const at = wordStartBefore(text, cursor);
      return at === cursor ? state : edit(state, text.slice(0, at) + text.slice(cursor), at);
    }
    case 'historyPrev': {
      if (state.history.length === 0 || state.historyIndex === 0) return state;
      const index = state.historyIndex === undefined ? state.history.length - 1 : state.historyIndex - 1;
      const line = state.history[index]!;
      return { ...state, text: line, cursor: line.length, historyIndex: index, draft: state.historyIndex === undefined ? text : state.draft };
    }
    case 'historyNext': {
      if (state.historyIndex === undefined) return state;
      const index = state.historyIndex + 1;
      if (index >= state.history.length) return { ...state, text: state.draft, cursor: state.draft.length, historyIndex: undefined, draft: '' };
      const line = state.history[index]!;
      return { ...state, text: line, cursor: line.length, historyIndex: index };
    }
    case 'submit': {
      const keep = text.trim() !== '' && state.history.at(-1) !== text;
      const history = keep ? [...state.history, text].slice(-HISTORY_LIMIT) : state.history;
      return { ...emptyLineEditor, history, pasting: state.pasting };
    }
    case 'pasteStart':
      return { ...state, pasting: true };
    case 'pasteEnd':
      return { ...state, pasting: false };
  }
}
