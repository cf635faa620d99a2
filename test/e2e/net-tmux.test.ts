import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/index.js';
import { joinCommand, spawnServe } from '../helpers/cli.js';
import { tempDir } from '../helpers/server.js';
import { tmuxForEachTest, tmuxTestsRun } from '../helpers/tmux.js';

const startTmux = tmuxForEachTest();

const times = (screen: string, text: string): number => screen.split(text).length - 1;
/** The status bar's first line: the line above its last, whatever the conversation holds. */
const bar = (screen: string): string => screen.trimEnd().split('\n').at(-2) ?? '';

describe.runIf(tmuxTestsRun())('/net in termchat join, in a real terminal (tmux)', () => {
  it('blackholes the link: the status bar says so, the link goes quiet, then reconnects; heal opens it again and a message sent meanwhile arrives once', async () => {
    // A short heartbeat, so that a silent link is quiet within 3 s and called dead at 4.
    const server = await spawnServe(['--memory', '--heartbeat', '2']);
    const dir = tempDir();
    mkdirSync(join(dir, 'ann'));
    const tmux = startTmux();
    const ann = await tmux.start('ann', joinCommand(join(dir, 'ann'), ['--as', 'Ann', '--server', server.url, '--transport', 'ws']));
    let screen = await ann.waitFor((s) => /^● open {2}ws {2}latency/m.test(s), 20_000, 'the chat open on ws, the network clean');
    // The header names the server, not the relay the chat goes through.
    expect(screen.split('\n')[0]).toContain(`Ann @ ${server.url}  ws`);

    await ann.type('/net blackhole');
    await ann.press('Enter');
    screen = await ann.waitFor((s) => /^● open {2}ws {2}net blackhole {2}latency/m.test(bar(s)), 5000, '"net blackhole" in the status bar');
    expect(screen).toMatch(/^\d\d:\d\d net blackhole$/m);

    const meanwhile = 'sent into the blackhole';
    await ann.type(meanwhile);
    await ann.press('Enter');
    await ann.waitFor((s) => /^● open · quiet \d+\.\d s {2}ws {2}net blackhole/.test(bar(s)), 10_000, 'the link going quiet', 25);
    await ann.waitFor((s) => s.includes('disconnected: no frame, ping or keep-alive for 4.0 s'), 10_000, 'the link called dead');
    // Retrying: the countdown to a try, or the try itself, which the blackhole swallows.
    screen = await ann.waitFor((s) => /^● (reconnecting in \d+\.\d s|connecting), attempt \d+ {2}ws {2}net blackhole/.test(bar(s)), 10_000, 'reconnecting');
    expect(screen).toContain(`Ann ${meanwhile} ⋯`);

    await ann.type('/net heal');
    await ann.press('Enter');
    screen = await ann.waitFor((s) => /^● open {2}ws {2}latency/.test(bar(s)) && s.includes(`Ann ${meanwhile} ✓`), 20_000, 'open again, clean, the message delivered');
    expect(screen).toMatch(/^\d\d:\d\d net clean · \d connections? reset$/m);
    expect(screen).toContain('reconnected via ws');
    expect(times(screen, meanwhile)).toBe(1);
    const stored = (await (await fetch(`${server.url}/messages?room=lobby&since=0`)).json()) as { messages: Message[] };
    expect(stored.messages.filter((m) => m.text === meanwhile)).toHaveLength(1);
  }, 90_000);
});
