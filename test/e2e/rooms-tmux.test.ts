import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinCommand, spawnServe } from '../helpers/cli.js';
import { tempDir } from '../helpers/server.js';
import { tmuxForEachTest, tmuxTestsRun } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const startTmux = tmuxForEachTest();

const BEL = '\u0007';
const header = (screen: string): string => screen.split('\n')[0] ?? '';
const open = (screen: string): boolean => /^● open\b/m.test(screen);

describe.runIf(tmuxTestsRun())('two people in two rooms, in real terminals (tmux)', () => {
  it('Tab completes a name, a mention rings the bell, Alt+2 clears the unread count, and "seen by" follows the other side reading', async () => {
    const server = await spawnServe(['--memory']);
    const dir = tempDir();
    const configs = { alice: join(dir, 'alice'), bob: join(dir, 'bob') };
    for (const config of Object.values(configs)) mkdirSync(config);
    const rawPath = join(dir, 'alice.raw');
    const wirePath = join(dir, 'alice.wire.ndjson');

    const tmux = startTmux();
    // Alice on a WebSocket, Bob polling: the receipts cross transports.
    const alice = await tmux.start('alice', joinCommand(configs.alice, ['--as', 'alice', '--server', server.url, '--transport', 'ws', '--rooms', 'lobby,dev', '--wire-log', wirePath]), { width: 100, height: 24 });
    const bob = await tmux.start('bob', joinCommand(configs.bob, ['--as', 'bob', '--server', server.url, '--transport', 'poll', '--interval', '200', '--rooms', 'lobby,dev']), { width: 100, height: 24 });
    await alice.record(rawPath);
    await Promise.all([alice, bob].map((session) => session.waitFor((screen) => open(screen) && header(screen).startsWith('#lobby  #dev  '), 20_000, 'both rooms open')));

    // Bob goes to #dev and calls Alice there, completing her name with Tab.
    await bob.press('M-2');
    await bob.waitFor((screen) => /connected via poll/.test(screen) && header(screen).startsWith('#lobby  #dev  bob @'), 10_000, '#dev on screen');
    await bob.type('anyone in dev?');
    await bob.press('Enter');
    // Alice is seen online in #dev once Bob's poll has told the server who he is; her name is then his to complete.
    await bob.waitFor((screen) => screen.includes('bob anyone in dev?'), 10_000, 'his first line');
    await bob.type('al');
    await bob.press('Tab');
    await bob.waitFor((screen) => /^bob › alice:$/m.test(screen), 10_000, 'alice completed at the start of the line');
    expect(readFileSync(rawPath).toString('utf8')).not.toContain(BEL);
    await bob.type('the deploy is yours');
    await bob.press('Enter');

    // Alice looks at #lobby: #dev counts two new messages, one naming her, and her terminal rang.
    await alice.waitFor((screen) => header(screen).startsWith('#lobby  #dev 2 @1  alice @'), 15_000, 'the unread and mention counts of #dev');
    expect(readFileSync(rawPath).toString('utf8')).toContain(BEL);

    // Alt+2: #dev on screen, its count cleared, the mention shown.
    await alice.press('M-2');
    const inDev = await alice.waitFor((screen) => header(screen).startsWith('#lobby  #dev  alice @') && screen.includes('bob alice: the deploy is yours'), 10_000, '#dev with its count cleared');
    expect(inDev).toContain('— new —');

    // Alice answers; Bob, looking at #dev, reads it, and Alice sees that he has.
    await alice.type('on it');
    await alice.press('Enter');
    await bob.waitFor((screen) => screen.includes('alice on it'), 10_000, 'her answer on his screen');
    const seen = await alice.waitFor((screen) => /alice on it ✓\n\s+✓ seen by bob/.test(screen), 15_000, '"seen by bob" under her message');
    expect(seen).toMatch(/✓ seen by bob/);

    // Her wire log tells her two rooms' clients apart, and holds the read positions she told.
    const events = (): Record<string, unknown>[] =>
      readFileSync(wirePath, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    await waitFor(() => events().some((event) => event.source === 'alice #dev' && event.kind === 'frame' && event.type === 'read' && event.dir === 'out'), 10_000, "a read frame in #dev's wire log");
    expect(new Set(events().map((event) => event.source))).toEqual(new Set(['alice #lobby', 'alice #dev']));
    await server.kill();
  }, 120_000);
});
