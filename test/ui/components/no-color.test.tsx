import { afterEach, describe, expect, it } from 'vitest';
import type { SessionOptions } from '../../../src/ui/session-options.js';
import { FakeChatClient } from '../fake-client.js';
import { waitFor } from '../../helpers/wait.js';
import { frameWhere } from '../ink-helpers.js';

// Colour support is decided when chalk is first imported, and under a test runner it finds none.
// Force it before Ink loads (this file runs in its own process), so colour codes would show.
process.env.FORCE_COLOR = '1';
const { render, cleanup } = await import('ink-testing-library');
const { App } = await import('../../../src/ui/components/App.js');

afterEach(() => cleanup());

const options: SessionOptions = { server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'ws', user: 'alice' };
// SGR foreground colours: 30-37, 90-97, 38;… (bold, dim and inverse are not colour).
// eslint-disable-next-line no-control-regex -- matching the ESC of colour codes is the point
const COLOUR = /\u001b\[(?:3[0-7]|9[0-7]|38;)[0-9;]*m/;

async function frameWith(colour: boolean): Promise<string> {
  let client: FakeChatClient | undefined;
  const { lastFrame } = render(<App options={options} createClient={(o) => (client = new FakeChatClient(o))} colour={colour} onQuit={() => {}} />);
  await waitFor(() => client?.connectCalls === 1, 2000, 'connect()');
  client!.setState({ status: 'connecting', attempt: 0, transport: 'ws' });
  client!.setState({ status: 'open', transport: 'ws', since: 0 });
  return frameWhere(lastFrame, (frame) => frame.includes('open'));
}

describe('NO_COLOR', () => {
  it('draws colours normally', async () => {
    expect(await frameWith(true)).toMatch(COLOUR);
  });

  it('draws no colour at all when colour is off', async () => {
    const frame = await frameWith(false);
    expect(frame).toContain('● open');
    expect(frame).not.toMatch(COLOUR);
  });
});
