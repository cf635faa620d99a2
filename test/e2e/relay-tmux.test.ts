import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { connected } from '../helpers/chat-clients.js';
import { tryConnect } from '../helpers/relay.js';
import { startTestServer } from '../helpers/server.js';
import { shellQuote, tmuxForEachTest, tmuxTestsRun, type TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const startTmux = tmuxForEachTest();

/** The last line the relay printed, not tmux's word that the process ended. */
const lastLine = (screen: string): string =>
  screen
    .trimEnd()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Pane is dead'))
    .at(-1)
    ?.trimEnd() ?? '';

/** Presses `key` and waits for the line it makes the relay print. */
async function press(relay: TmuxSession, key: string, line: RegExp): Promise<void> {
  await relay.type(key);
  await relay.waitFor((screen) => line.test(lastLine(screen)), 5000, `${line} after ${key}`);
}

describe.runIf(tmuxTestsRun())('termchat relay in a real terminal (tmux)', () => {
  it('shows its keys, changes the condition with each, one line per change, and quits with q', async () => {
    const server = await startTestServer();
    const tmux = startTmux();
    const words = [process.execPath, CLI, 'relay', '--to', server.url, '--net', 'delay=50'].map(shellQuote).join(' ');
    const relay = await tmux.start('relay', `exec ${words}`);
    const screen = await relay.waitFor((text) => text.includes('q quit'), 10_000, 'the keys');
    expect(screen).toContain('keys: d delay 0/50/100/300 ms · r rate off/1mbit/56kbit · c cut\n      b blackhole on/off · o down 10 s · h heal · q quit (or Ctrl+C)\n');
    expect(screen).toMatch(/^net delay 50 ms$/m);
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+),/.exec(screen)![1]);

    const chat = await connected({ server: `http://127.0.0.1:${port}`, room: 'lobby', user: 'alice', transport: 'ws', backoff: { baseMs: 50, capMs: 400 } }, 10_000);
    await press(relay, 'c', /^net delay 50 ms · 1 connection reset$/);
    await waitFor(() => chat.client.stats().reconnects === 1 && chat.client.state.status === 'open', 10_000, 'the client back after the cut');

    await press(relay, 'd', /^net delay 100 ms$/);
    await press(relay, 'd', /^net delay 300 ms$/);
    await press(relay, 'd', /^net clean$/);
    await press(relay, 'r', /^net rate 1 Mbit\/s$/);
    await press(relay, 'r', /^net rate 56 kbit\/s$/);
    await press(relay, 'r', /^net clean$/);
    await press(relay, 'b', /^net blackhole$/);
    await press(relay, 'b', /^net clean( · \d+ connections? reset)?$/);
    await press(relay, 'o', /^net down 10 s · \d+ connections? reset$/);
    await expect(tryConnect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await press(relay, 'h', /^net clean$/);
    await waitFor(() => tryConnect(port).then(() => true, () => false), 5000, 'listening again after heal');

    await press(relay, 'q', /^q: stopped after \d+\.\d s; \d+ connections? relayed$/);
    await expect(tryConnect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
