import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openClient, renderApp } from '../app-harness.js';

afterEach(() => cleanup());

describe('the first minutes', () => {
  it('says, once, why the server cannot be reached and what to do, while the status bar counts down', async () => {
    const app = await renderApp({}, { columns: 100, rows: 24 });
    const client = app.client();
    const failure = { code: 'unreachable', server: 'http://127.0.0.1:4000', errno: 'ECONNREFUSED' } as const;
    for (let attempt = 1; attempt <= 3; attempt++) {
      client.setState({ status: 'connecting', attempt: attempt - 1, transport: 'ws' });
      client.setState({ status: 'reconnecting', attempt, delayMs: 1700, retryAt: client.clock.now() + 1700, reason: 'ws upgrade failed: ECONNREFUSED', failure });
    }
    const frame = await app.frame((f) => f.includes('reconnecting in 1.7 s, attempt 3'));
    expect(frame.split("can't reach http://127.0.0.1:4000: connection refused")).toHaveLength(2);
    expect(frame).toContain('start one with termchat serve, or try termchat demo');
  });

  it('remembers the server only once a connection to it opened', async () => {
    const app = await renderApp({ server: 'http://127.0.0.1:4999' });
    const client = app.client();
    client.setState({ status: 'connecting', attempt: 0, transport: 'ws' });
    client.setState({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: client.clock.now() + 1000, reason: 'refused' });
    expect(app.remembered).toEqual([]);
    openClient(client);
    await app.frame((f) => f.includes('● open'));
    expect(app.remembered).toEqual([{ server: 'http://127.0.0.1:4999' }]);
    // A reconnect later is no news.
    client.setState({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: client.clock.now() + 1000, reason: 'dropped' });
    openClient(client);
    expect(app.remembered).toEqual([{ server: 'http://127.0.0.1:4999' }]);
  });
});
