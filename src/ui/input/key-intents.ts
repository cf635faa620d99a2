import type { LineEditorAction } from '../state/line-editor.js';
import type { ScrollAction } from '../state/scroll-window.js';

/** The parts of Ink's `Key` this module reads; Ink's own object fits. */
export interface KeyPress {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly leftArrow: boolean;
  readonly rightArrow: boolean;
  readonly pageUp: boolean;
  readonly pageDown: boolean;
  readonly home: boolean;
  readonly end: boolean;
  readonly return: boolean;
  readonly escape: boolean;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly tab: boolean;
  readonly backspace: boolean;
  readonly delete: boolean;
}

/** What a key press asks for. */
export type InputIntent =
  | { readonly type: 'edit'; readonly action: LineEditorAction }
  | { readonly type: 'submit' }
  | { readonly type: 'scroll'; readonly action: ScrollAction }
  /** Open or close the wire pane. */
  | { readonly type: 'wire' }
  /** Tab: move the focus on (the race's columns). */
  | { readonly type: 'focus' }
  | { readonly type: 'quit' };

// Bracketed paste markers; Ink strips the leading ESC before handing them over.
const PASTE_START = '[200~';
const PASTE_END = '[201~';

const edit = (action: LineEditorAction): InputIntent => ({ type: 'edit', action });
const scroll = (type: ScrollAction['type']): InputIntent => ({ type: 'scroll', action: { type } });

const CTRL_KEYS: Readonly<Record<string, InputIntent>> = {
  c: { type: 'quit' },
  o: { type: 'wire' },
  a: edit({ type: 'lineStart' }),
  e: edit({ type: 'lineEnd' }),
  b: edit({ type: 'left' }),
  f: edit({ type: 'right' }),
  d: edit({ type: 'deleteForward' }),
  u: edit({ type: 'killToStart' }),
  k: edit({ type: 'killToEnd' }),
  w: edit({ type: 'killWordBack' }),
  p: edit({ type: 'historyPrev' }),
  n: edit({ type: 'historyNext' }),
};

/**
 * Maps one Ink input event to what it means. `pasting` is whether a bracketed paste is open:
 * then Enter is a newline in the message. Without bracketed paste a terminal delivers a paste as
 * one chunk: text with newlines inside is a multi-line paste (inserted, not sent), while text
 * ending in its only newline is a typed line and Enter that arrived together (inserted and sent).
 */
export function keyToIntents(input: string, key: KeyPress, pasting: boolean): InputIntent[] {
  if (input === PASTE_START) return [edit({ type: 'pasteStart' })];
  if (input === PASTE_END) return [edit({ type: 'pasteEnd' })];
  if (key.ctrl && input.length === 1) return CTRL_KEYS[input] ? [CTRL_KEYS[input]] : [];
  if (key.return) return pasting || key.meta ? [edit({ type: 'insert', text: '\n' })] : [{ type: 'submit' }];
  if (key.pageUp) return [scroll('pageUp')];
  if (key.pageDown) return [scroll('pageDown')];
  if (key.home) return [scroll('home')];
  if (key.end) return [scroll('end')];
  if (key.upArrow) return [edit({ type: 'historyPrev' })];
  if (key.downArrow) return [edit({ type: 'historyNext' })];
  if (key.leftArrow) return [edit({ type: key.ctrl || key.meta ? 'wordLeft' : 'left' })];
  if (key.rightArrow) return [edit({ type: key.ctrl || key.meta ? 'wordRight' : 'right' })];
  // Most terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`; forward delete is Ctrl+D.
  if (key.backspace || key.delete) return [edit({ type: key.meta ? 'killWordBack' : 'backspace' })];
  if (key.meta && input === 'b') return [edit({ type: 'wordLeft' })];
  if (key.meta && input === 'f') return [edit({ type: 'wordRight' })];
  if (key.tab) return pasting ? [] : [{ type: 'focus' }];
  if (key.escape || key.meta || input === '') return [];
  return textIntents(input, pasting);
}

function textIntents(input: string, pasting: boolean): InputIntent[] {
  // Tabs pressed quickly come in one read: each one a Tab.
  if (!pasting && /^\t+$/.test(input)) return Array.from(input, () => ({ type: 'focus' }));
  const text = input.replace(/\r\n?/g, '\n');
  if (pasting || !text.includes('\n')) return [edit({ type: 'insert', text })];
  const body = text.replace(/\n$/, '');
  if (text.endsWith('\n') && !body.includes('\n')) return [...(body === '' ? [] : [edit({ type: 'insert', text: body })]), { type: 'submit' }];
  return [edit({ type: 'insert', text: body })];
}
