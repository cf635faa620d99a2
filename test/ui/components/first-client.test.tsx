import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/ui/components/App.js';
import { FakeChatClient, makeMessage } from '../fake-client.js';
import { frameWhere } from '../ink-helpers.js';

afterEach(() => cleanup());

const options = { server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'ws' as const, user: 'alice' };

describe('a client connecting before the first frame', () => {
  it('is the chat\'s client, and what it emits as soon as render returns is all shown', async () => {
    const first = new FakeChatClient(options);
    first.connect();
    first.setState({ status: 'connecting', attempt: 0, transport: 'ws' });
    const made: FakeChatClient[] = [];
    const app = render(
      <App
        options={options}
        client={first}
        createClient={(o) => {
          const client = new FakeChatClient(o);
          made.push(client);
          return client;
        }}
        colour={false}
      />,
    );
    // No tick: a real socket's first events can be handled the moment render() returns, so the
    // chat must be listening by then.
    expect(first.listenerCount()).toBeGreaterThan(0);
    first.setState({ status: 'open', transport: 'ws', since: 0 });
    first.emit('message', makeMessage({ user: 'bob', text: 'hello from the backlog' }));
    const frame = await frameWhere(app.lastFrame, (f) => f.includes('hello from the backlog') && f.includes('● open'));
    expect(frame).toContain('connected via ws');
    expect(made).toEqual([]);
    app.unmount();
    expect(first.closeCalls).toBe(1);
  });
});
