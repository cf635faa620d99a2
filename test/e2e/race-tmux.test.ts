import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { freeLowPort, spawnServeOnPort } from '../helpers/serve-on-port.js';
import { tempDir } from '../helpers/server.js';
import { shellQuote, tmuxForEachTest, tmuxTestsRun } from '../helpers/tmux.js';

const startTmux = tmuxForEachTest();

const count = (screen: string, pattern: RegExp): number => screen.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
const everyColumn = (pattern: RegExp) => (screen: string): boolean => count(screen, pattern) === 5;

describe.runIf(tmuxTestsRun())('termchat race in a real terminal (tmux)', () => {
  it('races five columns on a message, rides out a killed server, and counts what each received the same once all are open', async () => {
    const db = join(tempDir(), 'chat.db');
    const port = await freeLowPort();
    const first = await spawnServeOnPort(port, ['--db', db]);
    const url = `http://127.0.0.1:${port}`;
    const tmux = startTmux();
    // CI variables are dropped: with them Ink draws nothing until exit.
    const words = [process.execPath, CLI, 'race', '--server', url, '--interval', '200'].map(shellQuote).join(' ');
    // Not exec'd: the shell, still holding the terminal when the race has let it go, says how it ended.
    const race = await tmux.start('race', `env -u CI -u CONTINUOUS_INTEGRATION ${words}; echo "race ended: $?"`, { width: 120, height: 36 });
    let screen = await race.waitFor(everyColumn(/● open/), 20_000, 'five open columns');
    expect(screen.split('\n').find((line) => line.includes('longpoll'))!.trim().split(/\s+/)).toEqual(['▸', 'ws', 'sse', 'longpoll', 'poll', 'poll-keepalive']);

    await race.type('hi tmux');
    await race.press('Enter');
    screen = await race.waitFor((text) => everyColumn(/race hi tmux/)(text) && everyColumn(/recv 1\/1/)(text), 15_000, 'the message in every column');
    expect(screen).toMatch(/order "hi tmux": (ws|sse|longpoll|poll|poll-keepalive) \d+(\.\d)? ms( · (ws|sse|longpoll|poll|poll-keepalive) \d+(\.\d)?){4}$/m);

    // Narrower, the lanes stack in rows, with nothing of the wider frame left over; and back.
    await race.resize(80, 36);
    screen = await race.waitFor((text) => /^poll-keepalive +● open/m.test(text), 10_000, 'the lanes in rows');
    expect(screen.split('\n')[0]).toMatch(/^termchat race · #race/);
    expect(screen.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expect(count(screen, /req\/s/g), screen).toBe(5);
    await race.resize(120, 36);
    await race.waitFor(everyColumn(/● open/), 10_000, 'side by side again');

    // The server dies: five reconnect stories side by side.
    await first.kill();
    await race.waitFor(everyColumn(/● (reconnecting|retry) in \d+\.\d s,/), 20_000, 'every column reconnecting');
    // Typed while it is down: it waits in the sender's outbox.
    await race.type('typed while down');
    await race.press('Enter');
    // Back on the same file and port (killed after the test, as every spawned server is).
    await spawnServeOnPort(port, ['--db', db]);
    await race.waitFor(everyColumn(/● open/), 40_000, 'every column open again');
    await race.type('after the restart');
    await race.press('Enter');
    screen = await race.waitFor(everyColumn(/recv 3\/3/), 20_000, 'every column with all three, counted');
    expect(count(screen, /rc 1/)).toBe(5);

    // Ctrl+C ends it cleanly, every client and socket closed.
    await race.press('C-c');
    await race.waitFor((text) => /^race ended: \d+$/m.test(text), 15_000, 'the race to end');
    expect((await race.capture()).match(/^race ended: (\d+)$/m)![1]).toBe('0');
  }, 150_000);
});
