import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalSignals } from '../../../src/ui/terminal-signals.js';
import { openClient, renderApp } from '../app-harness.js';
import type { FakeChatClient } from '../fake-client.js';
import { makeMessage } from '../fake-client.js';
import { keys } from '../ink-helpers.js';

afterEach(() => cleanup());

const header = (frame: string): string => frame.split('\n')[0]!;
const alt = (key: string): string => `\u001b${key}`;
const ctrlN = '\u000e';
const ctrlP = '\u0010';

/** A terminal that counts what it was asked to do. */
function recordingTerminal(): TerminalSignals & { bells: number; notes: string[] } {
  const terminal = { bells: 0, notes: [] as string[], bell: () => void terminal.bells++, notify: (title: string, body: string) => void terminal.notes.push(`${title} ${body}`) };
  return terminal;
}

async function threeRooms(terminal = recordingTerminal()) {
  const app = await renderApp({}, { columns: 100, rows: 24 }, { rooms: ['lobby', 'dev', 'ops'], terminal });
  const [lobby, dev, ops] = app.clients as [FakeChatClient, FakeChatClient, FakeChatClient];
  for (const client of [lobby, dev, ops]) openClient(client);
  return { app, lobby, dev, ops, terminal };
}

describe('several rooms', () => {
  it('opens the remembered rooms beside the first, each with its own client, and lists them in the header', async () => {
    const { app, dev, ops } = await threeRooms();
    await app.frame((f) => header(f).startsWith('#lobby  #dev  #ops  alice @') && f.includes('connected via ws'));
    expect([dev.options.room, ops.options.room]).toEqual(['dev', 'ops']);
    expect(dev.connectCalls + ops.connectCalls).toBe(2);
  });

  it('counts what is new in the other rooms, and the count clears when Alt+2 goes there', async () => {
    const { app, dev, ops } = await threeRooms();
    dev.emit('message', makeMessage({ user: 'bob', text: 'dev one' }));
    dev.emit('message', makeMessage({ user: 'bob', text: 'dev two' }));
    dev.emit('message', makeMessage({ user: 'carol', text: 'dev three' }));
    ops.emit('message', makeMessage({ user: 'bob', text: 'alice, the pager' }));
    await app.frame((f) => header(f).startsWith('#lobby  #dev 3  #ops @1  alice @'));
    await app.type(alt('2'));
    const frame = await app.frame((f) => header(f).startsWith('#lobby  #dev  #ops @1') && f.includes('dev three'));
    expect(frame).not.toContain('alice, the pager');
    // Where you came in, the messages you had not seen begin below "— new —".
    const lines = frame.split('\n');
    expect(lines.findIndex((line) => line === '— new —')).toBeLessThan(lines.findIndex((line) => line.includes('dev one')));
    await app.type(ctrlN);
    await app.frame((f) => header(f).startsWith('#lobby  #dev  #ops  alice') && f.includes('alice, the pager'));
    await app.type(ctrlN);
    await app.frame((f) => f.includes('#lobby  #dev  #ops') && !f.includes('alice, the pager') && !f.includes('dev three'));
    await app.type(ctrlP, ctrlP);
    await app.frame((f) => f.includes('dev three'));
  });

  it('marks where you left a room when you come back to it', async () => {
    const { app, lobby } = await threeRooms();
    lobby.emit('message', makeMessage({ user: 'bob', text: 'seen before leaving' }));
    await app.frame((f) => f.includes('seen before leaving'));
    await app.type(alt('2'));
    await app.frame((f) => !f.includes('seen before leaving'));
    lobby.emit('message', makeMessage({ user: 'bob', text: 'said while away' }));
    await app.frame((f) => header(f).startsWith('#lobby 1'));
    await app.type(alt('1'));
    const frame = await app.frame((f) => f.includes('said while away'));
    const lines = frame.split('\n');
    const marker = lines.indexOf('— new —');
    expect(lines[marker - 1]).toContain('seen before leaving');
    expect(lines[marker + 1]).toContain('said while away');
    // Writing in the room is being caught up: the marker goes.
    await app.type('hi', keys.enter);
    await app.frame((f) => f.includes('alice hi') && !f.includes('— new —'));
  });

  it('rings the bell for a message naming you in another room, when scrolled up, or with the terminal out of focus; not while you look', async () => {
    const { app, lobby, dev, terminal } = await threeRooms();
    lobby.emit('message', makeMessage({ user: 'bob', text: 'alice: here, where you look' }));
    await app.frame((f) => f.includes('where you look'));
    expect(terminal.bells).toBe(0);
    dev.emit('message', makeMessage({ user: 'bob', text: 'alice: in dev' }));
    await app.frame((f) => header(f).includes('#dev @1'));
    expect(terminal.bells).toBe(1);
    expect(terminal.notes).toEqual(['#dev bob: alice: in dev']);
    // The terminal reports it lost focus (ESC [ O): a mention in the room on screen rings too.
    await app.type('\u001b[O');
    lobby.emit('message', makeMessage({ user: 'carol', text: '@alice back?' }));
    await app.frame((f) => f.includes('@alice back?'));
    expect(terminal.bells).toBe(2);
    await app.type('\u001b[I');
    for (let i = 0; i < 30; i++) lobby.emit('message', makeMessage({ user: 'bob', text: `filler ${i}` }));
    await app.frame((f) => f.includes('filler 29'));
    await app.type(keys.pageUp);
    await app.frame((f) => f.includes('more below'));
    lobby.emit('message', makeMessage({ user: 'carol', text: 'alice, below you' }));
    await app.frame((f) => f.includes('— 1 new —'));
    expect(terminal.bells).toBe(3);
    // End goes back to the newest.
    await app.type(keys.end);
    await app.frame((f) => f.includes('alice, below you'));
  });

  it('jumps between the messages naming you with Alt+P and Alt+N', async () => {
    const { app, lobby } = await threeRooms();
    lobby.emit('message', makeMessage({ user: 'bob', text: 'alice: first mention' }));
    for (let i = 0; i < 25; i++) lobby.emit('message', makeMessage({ user: 'bob', text: `middle ${i}` }));
    lobby.emit('message', makeMessage({ user: 'carol', text: 'second one for alice' }));
    for (let i = 0; i < 25; i++) lobby.emit('message', makeMessage({ user: 'bob', text: `after ${i}` }));
    await app.frame((f) => f.includes('after 24'));
    await app.type(alt('p'));
    const frame = await app.frame((f) => f.includes('second one for alice') && !f.includes('after 24'));
    expect(frame).not.toContain('first mention');
    await app.type(alt('p'));
    await app.frame((f) => f.includes('first mention'));
    await app.type(alt('n'));
    await app.frame((f) => f.includes('second one for alice') && !f.includes('first mention'));
    await app.type(alt('n'));
    await app.frame((f) => f.includes('after 24'));
  });

  it('sends what is typed right after Alt+2 to the room it went to, even before that room is drawn', async () => {
    const { app, lobby, dev } = await threeRooms();
    await app.type(`${alt('2')}hello dev\r`);
    await app.frame((f) => f.includes('alice hello dev'));
    expect(dev.sent.map((entry) => entry.text)).toEqual(['hello dev']);
    expect(lobby.sent).toEqual([]);
  });

  it('/part leaves the room on screen, never the last', async () => {
    const { app, dev } = await threeRooms();
    await app.type(alt('2'), '/part', keys.enter);
    await app.frame((f) => header(f).startsWith('#lobby  #ops  alice') && f.includes('left #dev'));
    expect(dev.closeCalls).toBe(1);
    await app.type('/part ops', keys.enter, '/part', keys.enter);
    await app.frame((f) => f.includes('#lobby is the only room open; /quit to leave'));
  });
});
