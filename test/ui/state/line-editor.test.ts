import { describe, expect, it } from 'vitest';
import { emptyLineEditor, HISTORY_LIMIT, lineEditorReducer, type LineEditorAction, type LineEditorState } from '../../../src/ui/state/line-editor.js';

const run = (state: LineEditorState, ...actions: LineEditorAction[]): LineEditorState => actions.reduce(lineEditorReducer, state);
const typed = (text: string, cursor = text.length): LineEditorState => ({ ...emptyLineEditor, text, cursor });

describe('line editor', () => {
  it('inserts at the cursor', () => {
    expect(run(typed('helo', 3), { type: 'insert', text: 'l' })).toMatchObject({ text: 'hello', cursor: 4 });
  });

  it('moves and deletes by grapheme, never splitting an emoji', () => {
    const state = typed('a👍b');
    const left = run(state, { type: 'left' }, { type: 'left' });
    expect(left.cursor).toBe(1);
    expect(run(state, { type: 'left' }, { type: 'backspace' })).toMatchObject({ text: 'ab', cursor: 1 });
    expect(run(left, { type: 'deleteForward' })).toMatchObject({ text: 'ab', cursor: 1 });
    expect(run(left, { type: 'right' }).cursor).toBe(3);
  });

  it('goes to the start and end', () => {
    expect(run(typed('hello', 2), { type: 'lineStart' }).cursor).toBe(0);
    expect(run(typed('hello', 2), { type: 'lineEnd' }).cursor).toBe(5);
  });

  it('moves by word', () => {
    expect(run(typed('one two three'), { type: 'wordLeft' }).cursor).toBe(8);
    expect(run(typed('one two three', 0), { type: 'wordRight' }).cursor).toBe(3);
  });

  it('Ctrl+U deletes to the start, Ctrl+K to the end', () => {
    expect(run(typed('hello world', 6), { type: 'killToStart' })).toMatchObject({ text: 'world', cursor: 0 });
    expect(run(typed('hello world', 5), { type: 'killToEnd' })).toMatchObject({ text: 'hello', cursor: 5 });
  });

  it('Ctrl+W deletes the word before the cursor and the spaces after it', () => {
    expect(run(typed('hello big world  '), { type: 'killWordBack' })).toMatchObject({ text: 'hello big ', cursor: 10 });
    expect(run(typed('hello big world', 9), { type: 'killWordBack' })).toMatchObject({ text: 'hello  world', cursor: 6 });
  });

  it('does nothing at the edges', () => {
    const start = typed('ab', 0);
    expect(run(start, { type: 'backspace' })).toBe(start);
    const end = typed('ab');
    expect(run(end, { type: 'deleteForward' })).toBe(end);
  });

  it('keeps a pasted multi-line text as one, normalising line ends and removing escapes', () => {
    expect(run(emptyLineEditor, { type: 'insert', text: 'one\r\ntwo\rthree\u001b[2J' })).toMatchObject({ text: 'one\ntwo\nthree[2J' });
  });

  it('remembers sent lines and browses them with Up and Down, restoring the draft', () => {
    const sent = run(emptyLineEditor, { type: 'insert', text: 'first' }, { type: 'submit' }, { type: 'insert', text: 'second' }, { type: 'submit' });
    expect(sent).toMatchObject({ text: '', cursor: 0, history: ['first', 'second'] });
    const draft = run(sent, { type: 'insert', text: 'draft' });
    const up = run(draft, { type: 'historyPrev' });
    expect(up).toMatchObject({ text: 'second', cursor: 6 });
    expect(run(up, { type: 'historyPrev' }).text).toBe('first');
    expect(run(up, { type: 'historyPrev' }, { type: 'historyPrev' }).text).toBe('first');
    expect(run(up, { type: 'historyPrev' }, { type: 'historyNext' }).text).toBe('second');
    expect(run(up, { type: 'historyNext' })).toMatchObject({ text: 'draft', historyIndex: undefined });
  });

  it('does not record blank lines or repeats in history, and bounds it', () => {
    const state = run(emptyLineEditor, { type: 'insert', text: 'a' }, { type: 'submit' }, { type: 'insert', text: 'a' }, { type: 'submit' }, { type: 'insert', text: '  ' }, { type: 'submit' });
    expect(state.history).toEqual(['a']);
    let many = emptyLineEditor;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) many = run(many, { type: 'insert', text: `m${i}` }, { type: 'submit' });
    expect(many.history).toHaveLength(HISTORY_LIMIT);
    expect(many.history[0]).toBe('m10');
  });

  it('tracks a bracketed paste', () => {
    const pasting = run(emptyLineEditor, { type: 'pasteStart' });
    expect(pasting.pasting).toBe(true);
    expect(run(pasting, { type: 'pasteEnd' }).pasting).toBe(false);
  });
});
