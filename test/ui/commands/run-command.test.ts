import { describe, expect, it } from 'vitest';
import type { TransportChoice } from '../../../src/transports/types.js';
import { HELP_LINES } from '../../../src/ui/commands/run-command.js';
import { runCommand, type CommandHost } from '../../../src/ui/commands/run-command.js';
import { parseLine } from '../../../src/ui/input/slash-commands.js';
import { FakeChatClient } from '../fake-client.js';

function host(client = new FakeChatClient()) {
  const said: string[] = [];
  const calls: string[] = [];
  const value: CommandHost = {
    client,
    room: 'lobby',
    user: 'alice',
    say: (text) => said.push(text),
    send: (text) => calls.push(`send ${text}`),
    rooms: ['lobby'],
    join: (room) => calls.push(`join ${room}`),
    part: (room) => calls.push(`part ${room}`),
    rename: (user) => calls.push(`rename ${user}`),
    transportChanged: (t: TransportChoice) => calls.push(`transport ${t}`),
    clear: () => calls.push('clear'),
    toggleTime: () => calls.push('time'),
    search: (query) => calls.push(`search ${query}`),
    quit: () => calls.push('quit'),
  };
  const run = (line: string): void => runCommand(parseLine(line)!, value);
  return { client, said, calls, run };
}

describe('runCommand', () => {
  it('sends text', () => {
    const h = host();
    h.run('hello');
    expect(h.calls).toEqual(['send hello']);
  });

  it('sends /me as an action and toggles timestamps with /time', () => {
    const h = host();
    h.run('/me  waves  at bob');
    h.run('/time');
    h.run('/me');
    h.run('/search deploy failed');
    expect(h.calls).toEqual(['send /me waves  at bob', 'time', 'search deploy failed']);
    expect(h.said).toEqual(['/me needs an action: /me waves']);
  });

  it('prints help', () => {
    const h = host();
    h.run('/help');
    expect(h.said).toEqual(HELP_LINES);
  });

  it('lists who is online with their transports', () => {
    const client = new FakeChatClient();
    client.online = [
      { user: 'bob', transport: 'sse' },
      { user: 'alice', transport: 'ws' },
      { user: 'bob', transport: 'poll' },
    ];
    const h = host(client);
    h.run('/who');
    expect(h.said).toEqual(['2 online: alice (ws), bob (sse, poll)']);
  });

  it('joins another room, leaves one, and renames, but not to where it already is', () => {
    const h = host();
    h.run('/join #dev');
    h.run('/join lobby');
    h.run('/part');
    h.run('/part ops');
    h.run('/leave #qa');
    h.run('/part Bad Room');
    h.run('/nick bob');
    h.run('/nick alice');
    expect(h.calls).toEqual(['join dev', 'part lobby', 'part ops', 'part qa', 'rename bob']);
    expect(h.said[0]).toBe('already in #lobby');
    expect(h.said[1]).toMatch(/^room must match/);
    expect(h.said[2]).toBe('already called alice');
  });

  it('switches transport live and remembers it', () => {
    const h = host();
    h.run('/transport longpoll');
    expect(h.calls).toEqual(['transport longpoll']);
  });

  it('retries now unless already open', () => {
    const h = host();
    h.client.state = { status: 'reconnecting', attempt: 2, delayMs: 2000, retryAt: 5000, reason: 'down' };
    h.run('/reconnect');
    expect(h.client.retryCalls).toBe(1);
    h.client.state = { status: 'open', transport: 'ws', since: 0 };
    h.run('/reconnect');
    expect(h.client.retryCalls).toBe(1);
    expect(h.said).toEqual(['retrying now', 'already connected']);
  });

  it('clears and quits', () => {
    const h = host();
    h.run('/clear');
    h.run('/quit');
    expect(h.calls).toEqual(['clear', 'quit']);
  });

  it('says so for unknown commands and bad arguments', () => {
    const h = host();
    h.run('/dance');
    h.run('/transport pigeon');
    expect(h.said).toEqual(['unknown command /dance; /help lists the commands', '/transport takes one of ws, sse, longpoll, poll, auto; got "pigeon"']);
  });
});
