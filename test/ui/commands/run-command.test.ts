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
    rejoin: (change) => calls.push(`rejoin ${JSON.stringify(change)}`),
    transportChanged: (t: TransportChoice) => calls.push(`transport ${t}`),
    clear: () => calls.push('clear'),
    toggleWire: () => calls.push('wire'),
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

  it('joins another room and renames, but not to where it already is', () => {
    const h = host();
    h.run('/join dev');
    h.run('/join lobby');
    h.run('/nick bob');
    h.run('/nick alice');
    expect(h.calls).toEqual(['rejoin {"room":"dev"}', 'rejoin {"user":"bob"}']);
    expect(h.said).toEqual(['already in #lobby', 'already called alice']);
  });

  it('switches transport live and remembers it', () => {
    const h = host();
    h.run('/transport longpoll');
    expect(h.client.switches).toEqual(['longpoll']);
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
