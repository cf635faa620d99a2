import { describe, expect, it } from 'vitest';
import type { TransportChoice } from '../../../src/transports/types.js';
import { HELP_LINES } from '../../../src/ui/commands/run-command.js';
import { runCommand, type CommandHost } from '../../../src/ui/commands/run-command.js';
import { parseLine } from '../../../src/ui/input/slash-commands.js';
import { unavailableLever, type NetLever } from '../../../src/ui/net-lever.js';
import { FakeChatClient } from '../fake-client.js';
import { FakeLever } from '../fake-lever.js';

function host(client = new FakeChatClient(), net: NetLever = new FakeLever()) {
  const said: string[] = [];
  const calls: string[] = [];
  const value: CommandHost = {
    client,
    room: 'lobby',
    user: 'alice',
    net,
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
    toggleWire: () => calls.push('wire'),
    quit: () => calls.push('quit'),
  };
  const run = (line: string): void => runCommand(parseLine(line)!, value);
  return { client, net, said, calls, run };
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

  it('changes the network with /net and says the condition after each change', () => {
    const lever = new FakeLever();
    const h = host(undefined, lever);
    h.run('/net delay 100 20');
    h.run('/net rate 56kbit');
    h.run('/net blackhole');
    h.run('/net down 10');
    lever.time += 2500;
    h.run('/net');
    h.run('/net heal');
    expect(lever.applied).toEqual([
      { kind: 'delay', ms: 100, jitterMs: 20 },
      { kind: 'rate', bitsPerSecond: 56_000 },
      { kind: 'blackhole', on: true },
      { kind: 'down', ms: 10_000 },
      { kind: 'heal' },
    ]);
    expect(h.said).toEqual([
      'net delay 100 ms ±20',
      'net delay 100 ms ±20 · rate 56 kbit/s',
      'net blackhole',
      'net down 10 s',
      'net down 8 s on every connection of this chat; /net heal makes it clean',
      'net clean',
    ]);
  });

  it('says how many connections a change reset, and a cut even when it found none', () => {
    const lever = new FakeLever();
    const h = host(undefined, lever);
    h.run('/net cut');
    lever.resetsPerChange = 2;
    h.run('/net blackhole');
    h.run('/net blackhole off');
    lever.resetsPerChange = 1;
    h.run('/net cut');
    expect(h.said).toEqual(['net clean · 0 connections reset', 'net blackhole · 2 connections reset', 'net clean · 2 connections reset', 'net clean · 1 connection reset']);
  });

  it('shows a clean network with the words that change it', () => {
    const h = host();
    h.run('/net');
    expect(h.said).toEqual(['net clean: your connections pass a relay on this machine untouched; change it with /net delay 100 [20] · rate 56kbit · cut · blackhole · down 10 · heal']);
  });

  it('refuses a bad /net in one line that says what is allowed, and changes nothing', () => {
    const lever = new FakeLever();
    const h = host(undefined, lever);
    h.run('/net rate fast');
    h.run('/net jam');
    expect(lever.applied).toEqual([]);
    expect(h.said).toEqual([
      '/net: "rate fast" is not a rate of 1kbit to 10gbit a second, in bit, kbit, mbit, gbit, B, kB, MB or GB (k = 1000): rate 56kbit, rate 1mbit, rate 64kB; rate off lifts the cap',
      '/net: "jam" is not one of delay MS [JITTER], rate RATE, cut, blackhole [on|off], down SECONDS, heal, or nothing to show the condition',
    ]);
  });

  it('says why /net is unavailable in a chat that connects directly', () => {
    const h = host(undefined, unavailableLever('this chat connects to the server directly (--net off)'));
    h.run('/net');
    h.run('/net delay 100');
    expect(h.said).toEqual(['/net is unavailable: this chat connects to the server directly (--net off)', '/net is unavailable: this chat connects to the server directly (--net off)']);
  });
});
