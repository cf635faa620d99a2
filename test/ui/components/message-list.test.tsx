import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { MessageList } from '../../../src/ui/components/MessageList.js';
import { entryLines } from '../../../src/ui/format/entry-lines.js';
import type { ChatEntry } from '../../../src/ui/state/conversation.js';
import { openClient, renderApp } from '../app-harness.js';
import { makeMessage } from '../fake-client.js';
import { keys } from '../ink-helpers.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

const at = new Date(2025, 0, 1, 9, 5).getTime();
const entry = (seq: number, text: string, patch: Partial<ChatEntry> = {}): ChatEntry => ({ kind: 'chat', seq, user: 'bob', text, at, own: false, ...patch });

describe('MessageList', () => {
  it('draws the lines at the bottom of its height', () => {
    const lines = [...entryLines(entry(1, 'first'), 40), ...entryLines(entry(2, 'second'), 40)];
    const { lastFrame } = renderThemed(<MessageList lines={lines} height={4} newCount={undefined} />);
    expect(lastFrame()!.split('\n')).toEqual(['', '', '09:05 bob first', '09:05 bob second']);
  });

  it('shows the new-messages marker when scrolled up', () => {
    const lines = entryLines(entry(1, 'old'), 40);
    const { lastFrame, rerender } = renderThemed(<MessageList lines={lines} height={3} newCount={3} />);
    expect(lastFrame()!.split('\n').at(-1)).toBe('— 3 new —');
    rerender(<MessageList lines={lines} height={3} newCount={0} />);
    expect(lastFrame()!.split('\n').at(-1)).toBe('— more below · End to return —');
  });

  it('marks own messages pending and delivered', () => {
    const lines = [...entryLines(entry(1, 'sending', { own: true, delivery: 'pending' }), 40), ...entryLines(entry(2, 'sent', { own: true, delivery: 'delivered' }), 40)];
    const { lastFrame } = renderThemed(<MessageList lines={lines} height={2} newCount={undefined} />);
    expect(lastFrame()).toBe('09:05 bob sending ⋯\n09:05 bob sent ✓');
  });
});

describe('conversation in the app', () => {
  it('wraps long messages to the terminal width', async () => {
    const app = await renderApp({}, { columns: 30, rows: 12 });
    openClient(app.client());
    app.client().emit('message', makeMessage({ user: 'bob', text: 'a fairly long message that needs wrapping' }));
    const frame = await app.frame((f) => f.includes('wrapping'));
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
    expect(frame).toContain('bob a fairly long');
  });

  it('scrolls with PgUp/PgDn/Home/End and counts new messages while scrolled up', async () => {
    const app = await renderApp({}, { columns: 60, rows: 16 });
    openClient(app.client());
    for (let i = 1; i <= 40; i++) app.client().emit('message', makeMessage({ user: 'bob', text: `message ${i}` }));
    await app.frame((f) => f.includes('message 40'));
    await app.type(keys.pageUp);
    let frame = await app.frame((f) => f.includes('— more below'));
    expect(frame).not.toContain('message 40');
    for (let i = 41; i <= 43; i++) app.client().emit('message', makeMessage({ user: 'carol', text: `message ${i}` }));
    frame = await app.frame((f) => f.includes('— 3 new —'));
    expect(frame).not.toContain('message 43');
    await app.type(keys.home);
    frame = await app.frame((f) => f.includes('message 1\n'));
    expect(frame).toContain('— 3 new —');
    await app.type(keys.pageDown);
    frame = await app.frame((f) => f.includes('message 9\n') && !f.includes('message 1\n'));
    expect(frame).toContain('— 3 new —');
    await app.type(keys.end);
    frame = await app.frame((f) => f.includes('message 43'));
    expect(frame).not.toMatch(/— \d+ new —|more below/);
  });

  it('draws 10,000 messages of history in a bounded time and only the visible window', async () => {
    const app = await renderApp({}, { columns: 80, rows: 24 });
    openClient(app.client());
    const started = performance.now();
    for (let i = 1; i <= 10_000; i++) app.client().emit('message', makeMessage({ user: i % 2 ? 'bob' : 'carol', text: `history ${i}` }));
    const frame = await app.frame((f) => f.includes('history 10000'), 5000);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(frame).not.toContain('history 9900\n');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    // Scrolling to the top of all 10,000 is one keypress and one window, not a re-layout of everything.
    await app.type(keys.home);
    await app.frame((f) => f.includes('history 1\n'));
  });
});
