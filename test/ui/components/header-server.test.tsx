import { describe, expect, it } from 'vitest';
import { renderApp } from '../app-harness.js';

describe('the header with several servers', () => {
  it('names the instance in use and follows a failover to the next one', async () => {
    const app = await renderApp({ server: 'http://127.0.0.1:4001,http://127.0.0.1:4002' }, { columns: 100, rows: 20 });
    const client = app.client();
    const header = (): string => app.lastFrame()!.split('\n')[0]!;
    expect(header()).toContain('alice @ http://127.0.0.1:4001 (1 of 2)');

    client.setState({ status: 'connecting', attempt: 0, transport: 'ws', server: 'http://127.0.0.1:4001' });
    client.setState({ status: 'open', transport: 'ws', since: 0, server: 'http://127.0.0.1:4001' });
    await app.frame((f) => f.includes('connected via ws'));
    expect(header()).toContain('alice @ http://127.0.0.1:4001 (1 of 2)');

    // The instance dies: while reconnecting the header keeps the last one, then shows the next.
    client.setState({ status: 'reconnecting', attempt: 1, delayMs: 50, retryAt: client.clock.now() + 50, reason: 'connection lost' });
    await app.frame((f) => f.includes('reconnecting'));
    expect(header()).toContain('alice @ http://127.0.0.1:4001 (1 of 2)');
    client.setState({ status: 'connecting', attempt: 1, transport: 'ws', server: 'http://127.0.0.1:4002' });
    client.setState({ status: 'open', transport: 'ws', since: 0, server: 'http://127.0.0.1:4002' });
    const frame = await app.frame((f) => f.split('\n')[0]!.includes('(2 of 2)'));
    expect(frame.split('\n')[0]).toContain('alice @ http://127.0.0.1:4002 (2 of 2)');
    app.unmount();
  });

  it('shows a single server without a count', async () => {
    const app = await renderApp({}, { columns: 100, rows: 20 });
    expect(app.lastFrame()!.split('\n')[0]).toContain('alice @ http://127.0.0.1:4000  ws');
    app.unmount();
  });
});
