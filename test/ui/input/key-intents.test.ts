import { describe, expect, it } from 'vitest';
import { keyToIntents, type KeyPress } from '../../../src/ui/input/key-intents.js';

const none: KeyPress = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  meta: false,
  tab: false,
  backspace: false,
  delete: false,
};
const key = (patch: Partial<KeyPress>): KeyPress => ({ ...none, ...patch });

describe('keyToIntents', () => {
  it('inserts typed text and sends on Enter', () => {
    expect(keyToIntents('a', none, false)).toEqual([{ type: 'edit', action: { type: 'insert', text: 'a' } }]);
    expect(keyToIntents('', key({ return: true }), false)).toEqual([{ type: 'submit' }]);
  });

  it('inserts a newline on Alt+Enter and on Enter inside a bracketed paste', () => {
    const newline = [{ type: 'edit', action: { type: 'insert', text: '\n' } }];
    expect(keyToIntents('', key({ return: true, meta: true }), false)).toEqual(newline);
    expect(keyToIntents('', key({ return: true }), true)).toEqual(newline);
  });

  it('recognises bracketed paste markers', () => {
    expect(keyToIntents('[200~', none, false)).toEqual([{ type: 'edit', action: { type: 'pasteStart' } }]);
    expect(keyToIntents('[201~', none, true)).toEqual([{ type: 'edit', action: { type: 'pasteEnd' } }]);
  });

  it('takes an unbracketed multi-line paste as one message without sending it', () => {
    expect(keyToIntents('one\rtwo\rthree\r', none, false)).toEqual([{ type: 'edit', action: { type: 'paste', text: 'one\ntwo\nthree' } }]);
  });

  it('takes a line and its Enter arriving together as typed and sent', () => {
    expect(keyToIntents('hello\r', none, false)).toEqual([{ type: 'edit', action: { type: 'insert', text: 'hello' } }, { type: 'submit' }]);
  });

  it('maps the readline keys', () => {
    const action = (input: string, k: Partial<KeyPress>) => keyToIntents(input, key(k), false)[0];
    expect(action('u', { ctrl: true })).toEqual({ type: 'edit', action: { type: 'killToStart' } });
    expect(action('w', { ctrl: true })).toEqual({ type: 'edit', action: { type: 'killWordBack' } });
    expect(action('a', { ctrl: true })).toEqual({ type: 'edit', action: { type: 'lineStart' } });
    expect(action('e', { ctrl: true })).toEqual({ type: 'edit', action: { type: 'lineEnd' } });
    expect(action('c', { ctrl: true })).toEqual({ type: 'quit' });
    expect(action('', { delete: true })).toEqual({ type: 'edit', action: { type: 'backspace' } });
    expect(action('', { leftArrow: true })).toEqual({ type: 'edit', action: { type: 'left' } });
    expect(action('', { leftArrow: true, ctrl: true })).toEqual({ type: 'edit', action: { type: 'wordLeft' } });
    expect(action('b', { meta: true })).toEqual({ type: 'edit', action: { type: 'wordLeft' } });
    expect(action('', { upArrow: true })).toEqual({ type: 'edit', action: { type: 'historyPrev' } });
    expect(action('', { downArrow: true })).toEqual({ type: 'edit', action: { type: 'historyNext' } });
  });

  it('scrolls with PgUp, PgDn, Home and End', () => {
    expect(keyToIntents('', key({ pageUp: true }), false)).toEqual([{ type: 'scroll', action: { type: 'pageUp' } }]);
    expect(keyToIntents('', key({ pageDown: true }), false)).toEqual([{ type: 'scroll', action: { type: 'pageDown' } }]);
    expect(keyToIntents('', key({ home: true }), false)).toEqual([{ type: 'scroll', action: { type: 'home' } }]);
    expect(keyToIntents('', key({ end: true }), false)).toEqual([{ type: 'scroll', action: { type: 'end' } }]);
  });

  it('maps Tab and Shift+Tab to completion, Escape to escape, and ignores unknown control keys', () => {
    expect(keyToIntents('', key({ escape: true, meta: true }), false)).toEqual([{ type: 'escape' }]);
    expect(keyToIntents('\t', key({ tab: true }), false)).toEqual([{ type: 'complete', backwards: false }]);
    expect(keyToIntents('', key({ tab: true, shift: true }), false)).toEqual([{ type: 'complete', backwards: true }]);
    expect(keyToIntents('z', key({ ctrl: true }), false)).toEqual([]);
    expect(keyToIntents('x', key({ meta: true }), false)).toEqual([]);
  });

  it('takes a word and its Tab arriving together as the word and a completion, and a Tab in a paste as text', () => {
    expect(keyToIntents('al\t', none, false)).toEqual([{ type: 'edit', action: { type: 'insert', text: 'al' } }, { type: 'complete', backwards: false }]);
    expect(keyToIntents('a\t\tb', none, false)).toEqual([
      { type: 'edit', action: { type: 'insert', text: 'a' } },
      { type: 'complete', backwards: false },
      { type: 'complete', backwards: false },
      { type: 'edit', action: { type: 'insert', text: 'b' } },
    ]);
    expect(keyToIntents('a\tb', none, true)).toEqual([{ type: 'edit', action: { type: 'insert', text: 'a\tb' } }]);
  });

  it('maps the room, mention, search and focus keys', () => {
    expect(keyToIntents('2', key({ meta: true }), false)).toEqual([{ type: 'room', index: 1 }]);
    expect(keyToIntents('n', key({ ctrl: true }), false)).toEqual([{ type: 'roomStep', step: 1 }]);
    expect(keyToIntents('p', key({ ctrl: true }), false)).toEqual([{ type: 'roomStep', step: -1 }]);
    expect(keyToIntents('p', key({ meta: true }), false)).toEqual([{ type: 'mention', step: -1 }]);
    expect(keyToIntents('n', key({ meta: true }), false)).toEqual([{ type: 'mention', step: 1 }]);
    expect(keyToIntents('r', key({ ctrl: true }), false)).toEqual([{ type: 'search' }]);
    expect(keyToIntents('[I', none, false)).toEqual([{ type: 'focus', focused: true }]);
    expect(keyToIntents('[O', none, false)).toEqual([{ type: 'focus', focused: false }]);
  });

  it('takes Tab as a completion only outside a paste, and opens the wire pane on Ctrl+O', () => {
    expect(keyToIntents('\t', key({ tab: true }), true)).toEqual([]);
    expect(keyToIntents('\t\t', key({}), false)).toEqual([{ type: 'complete', backwards: false }, { type: 'complete', backwards: false }]);
    expect(keyToIntents('o', key({ ctrl: true }), false)).toEqual([{ type: 'wire' }]);
  });
});
