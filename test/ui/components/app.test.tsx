import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import { TYPING_TTL_MS } from '../../../src/ui/state/typing.js';
import { openClient, renderApp } from '../app-harness.js';
import { tick } from '../ink-helpers.js';
import { makeMessage, ManualClock } from '../fake-client.js';

afterEach(() => cleanup());

describe('App', () => {
  it('connects the client on mount and closes it on unmount', async () => {
    const app = await renderApp();
    const client = app.client();
    await waitFor(() => client.connectCalls === 1, 2000, 'connect()');
    app.unmount();
    expect(client.closeCalls).toBe(1);
    expect(client.listenerCount()).toBe(0);
  });

  it('shows room, server, transport and who is online in the header', async () => {
    const app = await renderApp({ transport: 'auto' });
    await app.frame((f) => f.split('\n')[0]!.includes('auto (choosing…)'));
    openClient(app.client(), 'sse');
    app.client().setOnline([
      { user: 'alice', transport: 'sse' },
      { user: 'bob', transport: 'ws' },
    ]);
    const frame = await app.frame((f) => f.includes('online 2'));
    expect(frame.split('\n')[0]).toBe('#lobby  alice @ http://127.0.0.1:4000  sse (auto)  online 2: alice, bob');
  });

  it('writes system lines for joins, leaves, disconnects, reconnects, fallbacks, catching up, trimmed history and history resets', async () => {
    const app = await renderApp({ transport: 'auto' }, { columns: 100, rows: 30 });
    const client = app.client();
    client.setState({ status: 'connecting', attempt: 0, transport: 'ws' });
    client.emit('fallback', { from: 'ws', to: 'sse', reason: 'upgrade refused' });
    client.setState({ status: 'connecting', attempt: 0, transport: 'sse' });
    client.setState({ status: 'open', transport: 'sse', since: 0 });
    client.emit('presence', { event: 'join', user: 'bob', transport: 'poll', online: 2 });
    client.emit('presence', { event: 'join', user: 'alice', transport: 'sse', online: 3 });
    client.emit('presence', { event: 'leave', user: 'bob', transport: 'poll', online: 1 });
    client.setState({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: client.clock.now() + 1000, reason: 'stream ended' });
    client.setState({ status: 'connecting', attempt: 1, transport: 'sse' });
    client.setState({ status: 'open', transport: 'sse', since: 0 });
    const frame = await app.frame((f) => f.includes('reconnected via sse'));
    const lines = frame.split('\n').map((line) => line.slice(6));
    expect(lines).toEqual(
      expect.arrayContaining(['ws did not work (upgrade refused); trying sse', 'connected via sse', 'bob joined (poll)', 'bob left (poll)', 'disconnected: stream ended; reconnecting', 'reconnected via sse']),
    );
    expect(frame).not.toContain('alice joined');
    client.emit('caughtUp', { count: 3, outageMs: 8100 });
    await app.frame((f) => f.includes('caught up 3 messages from the 8.1 s outage'));
    client.emit('trimmed', { firstId: 42 });
    await app.frame((f) => f.includes('history before #42 was trimmed'));
    client.emit('reset', { previousEpoch: 'a', epoch: 'b' });
    const after = await app.frame((f) => f.includes('history was reset'));
    expect(after).not.toContain('bob joined');
  });

  it('shows who is typing and forgets them after a while or when their message comes', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    client.emit('typing', 'bob');
    await app.frame((f) => f.includes('bob is typing…'));
    client.emit('typing', 'carol');
    await app.frame((f) => f.includes('bob and carol are typing…'));
    client.emit('message', makeMessage({ user: 'bob', text: 'done' }));
    await app.frame((f) => f.includes('carol is typing…') && !f.includes('bob and'));
    // The expiry timer is set in an effect after the render; advance the clock once it exists.
    await waitFor(() => client.clock.pendingTimers >= 2, 2000, 'the expiry timer');
    client.clock.advance(5000);
    await app.frame((f) => !f.includes('typing…'));
  });

  it('forgets a typist even when the timer fires a moment before the clock reaches the expiry', async () => {
    // Node timers run on a monotonic clock and may fire while Date.now() is still a millisecond short.
    class EarlyClock extends ManualClock {
      override setTimeout(fn: () => void, ms: number): unknown {
        return super.setTimeout(fn, Math.max(0, ms - 1));
      }
    }
    const app = await renderApp({ clock: new EarlyClock() });
    const clock = app.client().clock;
    const timersBefore = clock.pendingTimers;
    app.client().emit('typing', 'bob');
    await app.frame((f) => f.includes('bob is typing…'));
    await waitFor(() => clock.pendingTimers > timersBefore, 2000, 'the expiry timer');
    // The expiry timer fires 1 ms before the name's time is up, and React renders right then.
    clock.advance(TYPING_TTL_MS - 1);
    await tick();
    clock.advance(1000);
    await app.frame((f) => !f.includes('typing…'));
  });

  it('does not show itself typing', async () => {
    const app = await renderApp();
    app.client().emit('typing', 'alice');
    app.client().emit('typing', 'bob');
    const frame = await app.frame((f) => f.includes('bob is typing…'));
    expect(frame.split('\n').find((line) => line.includes('typing'))).toBe('bob is typing…');
  });

  it('marks a message the server refused', async () => {
    const app = await renderApp();
    openClient(app.client());
    await app.type('x'.repeat(10), '\r');
    const entry = app.client().sent[0]!;
    app.client().emit('failed', { ...entry, status: 'failed', error: { code: 'text_too_long', message: 'text is 5000 characters; the limit is 4000' } });
    const frame = await app.frame((f) => f.includes('✗'));
    expect(frame).toContain('not sent: text is 5000 characters; the limit is 4000');
  });

  it('lays out again on resize, filling the new height and width', async () => {
    const app = await renderApp({}, { columns: 80, rows: 20 });
    openClient(app.client());
    for (let i = 1; i <= 30; i++) app.client().emit('message', makeMessage({ user: 'bob', text: `line ${i} ${'x'.repeat(40)}` }));
    let frame = await app.frame((f) => f.includes('line 30'));
    expect(frame.split('\n')).toHaveLength(19);
    app.resize({ columns: 40, rows: 12 });
    frame = await app.frame((f) => f.split('\n').length === 11);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(frame).toContain('xxxx');
  });
});
