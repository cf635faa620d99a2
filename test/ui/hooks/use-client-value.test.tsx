import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatClient } from '../../../src/transports/types.js';
import { useClientValue } from '../../../src/ui/hooks/use-client-value.js';
import { FakeChatClient } from '../fake-client.js';
import { frameWhere } from '../ink-helpers.js';

afterEach(() => cleanup());

/** Shows the client's transport and counts its renders. */
function probe() {
  const renders = { count: 0 };
  function Transport({ client }: { readonly client: ChatClient }) {
    renders.count++;
    const transport = useClientValue(client, ['state', 'fallback'], (c) => c.transport);
    return <Text>{transport ?? 'none'}</Text>;
  }
  return { Transport, renders };
}

describe('useClientValue', () => {
  it('renders what the client holds, again after the named events, and only when it changed', async () => {
    const client = new FakeChatClient();
    const { Transport, renders } = probe();
    const { lastFrame } = render(<Transport client={client} />);
    expect(lastFrame()).toBe('none');
    client.setState({ status: 'connecting', attempt: 0, transport: 'sse' });
    await frameWhere(lastFrame, (f) => f === 'sse');
    const drawn = renders.count;
    // Open on the same transport, then reconnecting: the value stays, so nothing renders.
    client.setState({ status: 'open', transport: 'sse', since: 0 });
    client.setState({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: 0, reason: 'gone' });
    client.emit('message', { id: 1, room: 'lobby', user: 'bob', text: 'not an event it named', sentAt: 0, serverAt: 0 });
    expect(renders.count).toBe(drawn);
  });

  it('reads a new client at once, and stops listening to the one it no longer shows', async () => {
    const first = new FakeChatClient();
    const { Transport } = probe();
    const { lastFrame, rerender, unmount } = render(<Transport client={first} />);
    const second = new FakeChatClient();
    second.setState({ status: 'connecting', attempt: 0, transport: 'longpoll' });
    rerender(<Transport client={second} />);
    await frameWhere(lastFrame, (f) => f === 'longpoll');
    expect(first.listenerCount()).toBe(0);
    unmount();
    expect(second.listenerCount()).toBe(0);
  });
});
