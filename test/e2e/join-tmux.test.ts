import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { joinCommand } from '../helpers/cli.js';
import { freeLowPort, spawnServeOnPort, type PortServe } from '../helpers/serve-on-port.js';
import { tempDir } from '../helpers/server.js';
import { createTmux, tmuxVersion, type Tmux, type TmuxSession } from '../helpers/tmux.js';

const tmuxInstalled = tmuxVersion() !== undefined;
const inCi = process.env.CI === 'true';
if (!tmuxInstalled && !inCi) console.log('skipping the tmux end-to-end test: tmux is not installed (apt-get install tmux)');

let tmux: Tmux | undefined;
let server: PortServe | undefined;
afterEach(async () => {
  await tmux?.kill();
  await server?.kill();
  tmux = undefined;
  server = undefined;
});

const times = (screen: string, text: string): number => screen.split(text).length - 1;
const open = (screen: string): boolean => /^● open\b/m.test(screen);
const reconnecting = (screen: string): boolean => /^● reconnecting in \d+\.\d s, attempt \d+/m.test(screen);

async function bothSee(sessions: readonly TmuxSession[], text: string, timeoutMs: number): Promise<string[]> {
  return Promise.all(sessions.map((session) => session.waitFor((screen) => screen.includes(text), timeoutMs, `"${text}"`)));
}

describe.skipIf(!tmuxInstalled && !inCi)('termchat join in a real terminal (tmux)', () => {
  it('Alice (ws) and Bob (poll) chat, ride out a server restart, and a message typed meanwhile arrives once', async () => {
    if (!tmuxInstalled) throw new Error('tmux is needed for this test and is not installed; .ci/run installs it (apt-get install tmux)');
    const dir = tempDir();
    const db = join(dir, 'chat.db');
    const port = await freeLowPort();
    server = await spawnServeOnPort(port, ['--db', db]);
    const url = `http://127.0.0.1:${port}`;

    tmux = createTmux();
    const configs = { alice: join(dir, 'alice'), bob: join(dir, 'bob') };
    for (const config of Object.values(configs)) mkdirSync(config);
    const alice = await tmux.start('alice', joinCommand(configs.alice, ['--as', 'alice', '--server', url, '--transport', 'ws']));
    const bob = await tmux.start('bob', joinCommand(configs.bob, ['--as', 'bob', '--server', url, '--transport', 'poll', '--interval', '200']));
    const both = [alice, bob];
    await Promise.all(both.map((session) => session.waitFor(open, 20_000, 'open status')));

    // They talk, and each sees both lines.
    await alice.type('hello bob, alice here');
    await alice.press('Enter');
    await bothSee(both, 'alice hello bob, alice here', 10_000);
    await bob.type('hi alice, bob on short polling');
    await bob.press('Enter');
    await bothSee(both, 'bob hi alice, bob on short polling', 10_000);

    // The server dies: both status bars count down to the next try.
    await server.kill();
    await Promise.all(both.map((session) => session.waitFor(reconnecting, 15_000, '"reconnecting in N.N s" in the status bar')));

    // Alice types while it is down: her line waits in the outbox.
    const whileDown = 'typed while the server was down';
    await alice.type(whileDown);
    await alice.press('Enter');
    await alice.waitFor((screen) => screen.includes(`alice ${whileDown}`), 5000, 'her own pending line');

    // Back on the same file and port: both reconnect by themselves.
    server = await spawnServeOnPort(port, ['--db', db]);
    await Promise.all(both.map((session) => session.waitFor(open, 30_000, 'open again after the restart')));

    // A line sent after the reconnect arrives after any copy of the earlier one could (delivery is in id order),
    // so once it is on both screens, what is there is final.
    await alice.type('and this one after the restart');
    await alice.press('Enter');
    const screens = await bothSee(both, 'alice and this one after the restart', 15_000);
    for (const [i, screen] of screens.entries()) {
      expect(times(screen, whileDown), `${both[i]!.name}'s screen:\n${screen}`).toBe(1);
      expect(times(screen, 'hello bob, alice here'), `${both[i]!.name}'s screen:\n${screen}`).toBe(1);
    }
    // Alice's own line was acknowledged, and her bar counts the reconnect.
    await alice.waitFor((screen) => new RegExp(`alice ${whileDown} ✓`).test(screen) && /reconnects [1-9]/.test(screen), 5000, 'the delivered mark and the reconnect count');
  }, 120_000);
});
