import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/ui/components/App.js';
import { openClient } from '../app-harness.js';
import { FakeChatClient } from '../fake-client.js';
import { frameWhere } from '../ink-helpers.js';
import { waitFor } from '../../helpers/wait.js';

afterEach(() => cleanup());

describe('greeting', () => {
  it('opens the conversation with the given lines, once, before the connection’s own', async () => {
    const clients: FakeChatClient[] = [];
    const app = render(
      <App
        options={{ server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'ws', user: 'alice' }}
        createClient={(options) => {
          const client = new FakeChatClient(options);
          clients.push(client);
          return client;
        }}
        colour={false}
        greeting={['demo: a server and 4 bots', 'Type to chat.']}
      />,
    );
    await waitFor(() => clients[0]?.connectCalls === 1, 2000, 'the client to connect');
    openClient(clients[0]!);
    const frame = await frameWhere(app.lastFrame, (f) => f.includes('connected via ws'));
    const lines = frame.split('\n');
    const at = (text: string): number => lines.findIndex((line) => line.includes(text));
    expect(at('demo: a server and 4 bots')).toBeGreaterThanOrEqual(0);
    expect(at('demo: a server and 4 bots')).toBeLessThan(at('Type to chat.'));
    expect(at('Type to chat.')).toBeLessThan(at('connected via ws'));
    expect(frame.split('demo: a server').length - 1).toBe(1);
  });
});
