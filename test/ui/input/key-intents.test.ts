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
    expect(keyToIntents('one\rtwo\rthree\r', none, false)).toEqual([{ type: 'edit', action: { type: 'insert', text: 'one\ntwo\nthree' } }]);
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

  it('ignores Escape and unknown control keys', () => {
    expect(keyToIntents('', key({ escape: true }), false)).toEqual([]);
    expect(keyToIntents('z', key({ ctrl: true }), false)).toEqual([]);
  });

  it('moves the focus on Tab (not inside a paste) and opens the wire pane on Ctrl+O', () => {
    expect(keyToIntents('\t', key({ tab: true }), false)).toEqual([{ type: 'focus' }]);
    expect(keyToIntents('\t', key({ tab: true }), true)).toEqual([]);
    expect(keyToIntents('\t\t', key({}), false)).toEqual([{ type: 'focus' }, { type: 'focus' }]);
    expect(keyToIntents('o', key({ ctrl: true }), false)).toEqual([{ type: 'wire' }]);
  });
});
