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
  readonly shift?: boolean;
  readonly tab: boolean;
  readonly backspace: boolean;
  readonly delete: boolean;
}

/** What a key press asks for. */
export type InputIntent =
  | { readonly type: 'edit'; readonly action: LineEditorAction }
  | { readonly type: 'submit' }
  | { readonly type: 'scroll'; readonly action: ScrollAction }
  | { readonly type: 'quit' }
  /** Tab (Shift+Tab backwards): complete the word at the cursor, or the next candidate; in the race, the next column. */
  | { readonly type: 'complete'; readonly backwards: boolean }
  /** Alt+1..9: the room at that place (0-based). */
  | { readonly type: 'room'; readonly index: number }
  /** Ctrl+N / Ctrl+P: the next or previous room. */
  | { readonly type: 'roomStep'; readonly step: 1 | -1 }
  /** Alt+P / Alt+N: the previous or next message that names you. */
  | { readonly type: 'mention'; readonly step: 1 | -1 }
  /** Ctrl+R: search the room's history. */
  | { readonly type: 'search' }
  | { readonly type: 'escape' }
  /** Open or close the wire pane (Ctrl+O). */
  | { readonly type: 'wire' }
  /** The terminal gained or lost focus (focus reporting, ESC [ I and ESC [ O). */
  | { readonly type: 'focus'; readonly focused: boolean };

// Bracketed paste markers and focus reports; Ink strips the leading ESC before handing them over.
const PASTE_START = '[200~';
const PASTE_END = '[201~';
const FOCUS_IN = '[I';
const FOCUS_OUT = '[O';

const edit = (action: LineEditorAction): InputIntent => ({ type: 'edit', action });
const scroll = (type: Exclude<ScrollAction['type'], 'reveal' | 'restore'>): InputIntent => ({ type: 'scroll', action: { type } });

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
  // irssi's and WeeChat's keys between windows; ↑ and ↓ browse the sent lines.
  n: { type: 'roomStep', step: 1 },
  p: { type: 'roomStep', step: -1 },
  r: { type: 'search' },
};

const META_KEYS: Readonly<Record<string, InputIntent>> = {
  b: edit({ type: 'wordLeft' }),
  f: edit({ type: 'wordRight' }),
  p: { type: 'mention', step: -1 },
  n: { type: 'mention', step: 1 },
};

/**
 * Maps one Ink input event to what it means. `pasting` is whether a bracketed paste is open:
 * then Enter is a newline in the message. Without bracketed paste a terminal delivers a paste as
 * one chunk: text with newlines inside is a multi-line paste (held, not sent), while text ending
 * in its only newline is a typed line and Enter that arrived together (inserted and sent).
 */
export function keyToIntents(input: string, key: KeyPress, pasting: boolean): InputIntent[] {
  if (input === PASTE_START) return [edit({ type: 'pasteStart' })];
  if (input === PASTE_END) return [edit({ type: 'pasteEnd' })];
  if (input === FOCUS_IN || input === FOCUS_OUT) return [{ type: 'focus', focused: input === FOCUS_IN }];
  if (key.ctrl && input.length === 1) return CTRL_KEYS[input] ? [CTRL_KEYS[input]] : [];
  if (key.return) return pasting || key.meta ? [edit({ type: 'insert', text: '\n' })] : [{ type: 'submit' }];
  if (key.tab) return pasting ? [] : [{ type: 'complete', backwards: key.shift === true }];
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
  if (key.meta && /^[1-9]$/.test(input)) return [{ type: 'room', index: Number(input) - 1 }];
  if (key.meta && META_KEYS[input] !== undefined) return [META_KEYS[input]];
  // Ink reports a lone Escape as meta: it is the key that leaves a search.
  if (key.escape && (input === '' || input === '\u001b')) return [{ type: 'escape' }];
  if (key.escape || key.meta || input === '') return [];
  return textIntents(input, pasting);
}

function textIntents(input: string, pasting: boolean): InputIntent[] {
  const text = input.replace(/\r\n?/g, '\n');
  if (pasting) return [edit({ type: 'insert', text })];
  // Keys typed quickly (or over a slow link) come in one read: "al" and Tab together are a word and its completion.
  if (!text.includes('\n') && text.includes('\t')) {
    return text.split('\t').flatMap((part, i): InputIntent[] => [...(i === 0 ? [] : [{ type: 'complete', backwards: false } as const]), ...(part === '' ? [] : [edit({ type: 'insert', text: part })])]);
  }
  if (!text.includes('\n')) return [edit({ type: 'insert', text })];
  const body = text.replace(/\n$/, '');
  if (text.endsWith('\n') && !body.includes('\n')) return [...(body === '' ? [] : [edit({ type: 'insert', text: body })]), { type: 'submit' }];
  return [edit({ type: 'paste', text: body })];
}
