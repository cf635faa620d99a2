import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { InputLine } from '../../../src/ui/components/InputLine.js';
import { openClient, renderApp } from '../app-harness.js';
import { keys } from '../ink-helpers.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

/** The input line of a frame: the one starting with the prompt. */
const inputOf = (frame: string): string => frame.split('\n').find((line) => line.startsWith('alice ›')) ?? '';

describe('InputLine', () => {
  it('draws the prompt and the text around the cursor', () => {
    const { lastFrame } = renderThemed(<InputLine prompt="alice › " viewport={{ before: 'hel', atCursor: 'l', after: 'o' }} />);
    expect(lastFrame()).toBe('alice › hello');
  });
});

describe('input editing in the app', () => {
  it('edits with cursor movement, Ctrl+U and Ctrl+W', async () => {
    const app = await renderApp();
    await app.type('helo world');
    await app.frame((f) => inputOf(f) === 'alice › helo world');
    await app.type(keys.ctrlA, keys.right, keys.right, keys.right, 'l');
    await app.frame((f) => inputOf(f) === 'alice › hello world');
    await app.type(keys.ctrlE, keys.ctrlW);
    await app.frame((f) => inputOf(f) === 'alice › hello');
    await app.type(keys.backspace, keys.left, keys.ctrlU);
    await app.frame((f) => inputOf(f) === 'alice › o');
  });

  it('sends on Enter, shows the message at once as pending and marks it delivered on ack', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    await app.type('hi bob', keys.enter);
    let frame = await app.frame((f) => f.includes('alice hi bob ⋯'));
    expect(inputOf(frame)).toBe('alice ›');
    expect(client.sent.map((e) => e.text)).toEqual(['hi bob']);
    const entry = client.sent[0]!;
    client.emit('ack', { ...entry, id: 1, status: 'acked' });
    frame = await app.frame((f) => f.includes('alice hi bob ✓'));
    expect(frame.match(/hi bob/g)).toHaveLength(1);
  });

  it('recalls sent lines with Up and Down', async () => {
    const app = await renderApp();
    await app.type('first', keys.enter, 'second', keys.enter, keys.up);
    await app.frame((f) => inputOf(f) === 'alice › second');
    await app.type(keys.up);
    await app.frame((f) => inputOf(f) === 'alice › first');
    await app.type(keys.down, keys.down);
    await app.frame((f) => inputOf(f) === 'alice ›');
  });

  it('sends a multi-line paste as one message', async () => {
    const app = await renderApp();
    await app.type('line one\rline two\r');
    await app.frame((f) => inputOf(f) === 'alice › [pasted 2 lines]');
    expect(app.client().sent).toHaveLength(0);
    await app.type(keys.enter);
    await app.frame((f) => f.includes('alice line one'));
    expect(app.client().sent.map((e) => e.text)).toEqual(['line one\nline two']);
  });

  it('shows a bracketed paste of many lines as [pasted N lines], sends it whole on Enter, and Alt+Enter still adds a newline', async () => {
    const app = await renderApp();
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
    // A paste comes in several reads, one of them an Enter alone: it is all one paste.
    await app.type(`say ${keys.pasteStart}${lines.slice(0, 5).join('\r')}`, keys.enter, `${lines.slice(5).join('\r')}${keys.pasteEnd}`);
    await app.frame((f) => inputOf(f) === 'alice › say [pasted 12 lines]');
    expect(app.client().sent).toHaveLength(0);
    await app.type(keys.altEnter, 'end');
    await app.frame((f) => inputOf(f) === 'alice › say [pasted 12 lines]⏎end');
    await app.type(keys.enter);
    await app.frame((f) => f.includes('alice say line 1'));
    expect(app.client().sent.map((e) => e.text)).toEqual([`say ${lines.join('\n')}\nend`]);
    // Sent, it is in the history as the text it was.
    await app.type(keys.up, keys.ctrlA);
    await app.frame((f) => inputOf(f).startsWith('alice › say line 1⏎line 2'));
  });

  it('takes a one-line bracketed paste as typed text, and Backspace removes a paste of many lines whole', async () => {
    const app = await renderApp();
    await app.type(`${keys.pasteStart}just this${keys.pasteEnd}`);
    await app.frame((f) => inputOf(f) === 'alice › just this');
    await app.type(keys.ctrlU, `x ${keys.pasteStart}a${keys.enter}b${keys.pasteEnd}`);
    await app.frame((f) => inputOf(f) === 'alice › x [pasted 2 lines]');
    await app.type(keys.backspace);
    await app.frame((f) => inputOf(f) === 'alice › x');
  });

  it('sends a line typed together with its Enter', async () => {
    const app = await renderApp();
    await app.type('quick\r');
    await app.frame((f) => f.includes('alice quick'));
    expect(app.client().sent.map((e) => e.text)).toEqual(['quick']);
  });

  it('tells the client it is typing on every edit, leaving the cadence to the client', async () => {
    const app = await renderApp();
    await app.type('a', 'b', 'c');
    await app.frame((f) => inputOf(f) === 'alice › abc');
    expect(app.client().typingCalls).toBe(3);
    await app.type(keys.left, keys.backspace);
    await app.frame((f) => inputOf(f) === 'alice › ac');
    // Moving the cursor edits nothing; deleting does.
    expect(app.client().typingCalls).toBe(4);
  });

  it('does not signal typing for commands', async () => {
    const app = await renderApp();
    await app.type('/who');
    await app.frame((f) => inputOf(f) === 'alice › /who');
    expect(app.client().typingCalls).toBe(0);
  });
});
