import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinCommand } from '../helpers/cli.js';
import { unsafeCharacter } from '../helpers/hostile.js';
import { HOSTILE_NAMES, HOSTILE_TEXT, shownAs, startHostileServer } from '../helpers/hostile-server.js';
import { tempDir } from '../helpers/server.js';
import { tmuxForEachTest, tmuxTestsRun } from '../helpers/tmux.js';

const startTmux = tmuxForEachTest();

// The cursor moves and colours the chat draws itself are CSI sequences; once they are taken out,
// nothing of the server's may be left that a terminal acts on or hides: no ESC (OSC title and
// clipboard writes), BEL, C1 control, format character, line separator or tag.
// eslint-disable-next-line no-control-regex -- the escapes a terminal is handed are what is looked at
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;

describe.runIf(tmuxTestsRun())('termchat join against a server that sends escapes (tmux)', () => {
  it('draws the online list, the typing line, messages and the close reason without handing the terminal an escape', async () => {
    let letServerSpeak!: () => void;
    const server = await startHostileServer(new Promise((resolve) => (letServerSpeak = resolve)));
    const dir = tempDir();
    mkdirSync(join(dir, 'config'));
    const rawPath = join(dir, 'terminal.raw');

    const tmux = startTmux();
    const alice = await tmux.start('alice', joinCommand(join(dir, 'config'), ['--as', 'alice', '--server', server.url, '--transport', 'ws']), { width: 160, height: 30 });
    await alice.record(rawPath);
    const titleBefore = await alice.title();
    letServerSpeak();

    // Its welcome, message, join and typing signal are on screen.
    const spoken = await alice.waitFor((text) => text.includes(HOSTILE_TEXT.slice(1)) && text.includes('is typing'), 15_000, 'the message and the typing line');
    // A send makes it refuse, and close with its reason.
    await alice.type('hi');
    await alice.press('Enter');
    const closed = await alice.waitFor((text) => /closed/.test(text) && text.includes('bye'), 10_000, 'the close reason');
    expect(server.refusedSends()).toBe(1);

    const raw = readFileSync(rawPath).toString('utf8');
    expect(raw.includes('\u001b]'), 'an OSC sequence (title, clipboard) reached the terminal').toBe(false);
    expect(raw.includes('\u001b[6n'), "the server's request for the cursor position reached the terminal").toBe(false);
    expect(unsafeCharacter(raw.replace(CSI, '').replace(/\r/g, ''))).toBeUndefined();
    expect(await alice.title()).toBe(titleBefore);

    // Every place a server's string is drawn showed it, as plain text.
    const { online, joining, typing } = HOSTILE_NAMES;
    expect(spoken.split('\n')[0]).toContain(`online 2: ${shownAs(online)}, ${shownAs(joining)}`);
    expect(spoken).toMatch(/hostile hello\n +second line\]0;PWNED-TITLE/);
    expect(spoken).toContain(`${shownAs(joining)} joined (sse)`);
    expect(spoken).toContain(`6n${typing}]0;PWNED-TITLE is typing…`);
    expect(closed).toContain('not sent: ]0;PWNED-TITLE');
    expect(closed).toContain(`connection closed: ws closed by the server, 4000: ${shownAs('byebye')}`);
  }, 60_000);
});
