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
  /** What a bracketed paste brought so far; it goes into the text when the paste ends. */
  readonly pasteBuffer: string;
  /**
   * Pastes of several lines, each held in the text as one placeholder character (see
   * PASTE_MARK_BASE) and drawn as "[pasted 12 lines]": the text sent has the lines in its place.
   */
  readonly pastes: ReadonlyMap<string, string>;
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
  | { readonly type: 'pasteEnd' }
  /** Text that came at once from a paste (one read without bracketed paste): several lines are held as one placeholder. */
  | { readonly type: 'paste'; readonly text: string }
  /** The whole line replaced, the cursor put (a completion). */
  | { readonly type: 'set'; readonly text: string; readonly cursor: number };

/** History lines kept. */
export const HISTORY_LIMIT = 200;

export const emptyLineEditor: LineEditorState = { text: '', cursor: 0, history: [], historyIndex: undefined, draft: '', pasting: false, pasteBuffer: '', pastes: new Map() };

/**
 * Placeholders for pastes are characters of the Supplementary Private Use Area-A (U+F0000 on):
 * one grapheme each, so the cursor steps over a paste and Backspace removes it whole. Nobody types
 * them; any that arrive in typed or pasted text are dropped, so a placeholder is always ours.
 */
const PASTE_MARK_BASE = 0xf0000;
const PASTE_MARKS = /[\u{f0000}-\u{ffffd}]/gu;

/** Text safe to put in the line: what sanitizeText keeps, less anything that could pass for a placeholder. */
function clean(text: string): string {
  return sanitizeText(text).replace(PASTE_MARKS, '');
}

/** The text as it is sent: each paste placeholder replaced by the lines it holds. */
export function expandPastes(state: Pick<LineEditorState, 'text' | 'pastes'>): string {
  if (state.pastes.size === 0) return state.text;
  return state.text.replace(PASTE_MARKS, (mark) => state.pastes.get(mark) ?? '');
}

/** How each paste placeholder in the line is drawn: "[pasted 12 lines]". */
export function pasteLabels(state: Pick<LineEditorState, 'pastes'>): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  for (const [mark, text] of state.pastes) labels.set(mark, `[pasted ${text.split('\n').length} lines]`);
  return labels;
}

/** Puts pasted `text` at the cursor: one line as it is, several as a placeholder. A final line end is the paste's, not a line. */
function paste(state: LineEditorState, raw: string): LineEditorState {
  const text = clean(raw).replace(/\n$/, '');
  if (text === '') return state;
  if (!text.includes('\n')) return lineEditorReducer(state, { type: 'insert', text });
  let code = PASTE_MARK_BASE;
  while (state.pastes.has(String.fromCodePoint(code))) code++;
  const mark = String.fromCodePoint(code);
  const pastes = new Map(state.pastes).set(mark, text);
  return edit({ ...state, pastes }, state.text.slice(0, state.cursor) + mark + state.text.slice(state.cursor), state.cursor + mark.length);
}

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
      if (state.pasting) return { ...state, pasteBuffer: state.pasteBuffer + sanitizeText(action.text) };
      const inserted = clean(action.text);
      if (inserted === '') return state;
      return edit(state, text.slice(0, cursor) + inserted + text.slice(cursor), cursor + inserted.length);
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
      const sent = expandPastes(state);
      const keep = sent.trim() !== '' && state.history.at(-1) !== sent;
      const history = keep ? [...state.history, sent].slice(-HISTORY_LIMIT) : state.history;
      return { ...emptyLineEditor, history, pasting: state.pasting };
    }
    case 'pasteStart':
      return { ...state, pasting: true, pasteBuffer: '' };
    case 'pasteEnd':
      return paste({ ...state, pasting: false, pasteBuffer: '' }, state.pasteBuffer);
    case 'paste':
      return paste(state, action.text);
    case 'set':
      return edit(state, action.text, Math.max(0, Math.min(action.cursor, action.text.length)));
  }
}
