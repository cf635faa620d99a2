import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bots/bot.js';
import { startFleet } from '../../src/bots/fleet.js';
import { createScript } from '../../src/bots/script.js';
import { formatBotReport } from '../../src/bots/summary.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeChatClient, makeStats } from '../ui/fake-client.js';

function openBot(options: { everyMs?: number; typingLeadMs?: number; random?: () => number } = {}) {
  const clock = new FakeClock();
  const client = new FakeChatClient({ user: 'bot-ws-1' });
  const bot = new Bot({
    name: 'bot-ws-1',
    client,
    script: createScript(['one', 'two', 'three'], () => 0),
    everyMs: options.everyMs ?? 1000,
    clock,
    random: options.random ?? (() => 0.5),
    typingLeadMs: options.typingLeadMs ?? 0,
  });
  return { clock, client, bot };
}

const open = (client: FakeChatClient): void => {
  client.setState({ status: 'connecting', attempt: 0, transport: 'ws' });
  client.setState({ status: 'open', transport: 'ws', since: 0 });
};

describe('Bot', () => {
  it('connects on start and speaks on its schedule while open', () => {
    const { clock, client, bot } = openBot();
    bot.start();
    expect(client.connectCalls).toBe(1);
    open(client);
    // First line after random × period = 500 ms, then every 0.5 + 0.5 = 1 period.
    clock.advance(499);
    expect(client.sent).toHaveLength(0);
    clock.advance(1);
    expect(client.sent.map((entry) => entry.text)).toHaveLength(1);
    clock.advance(3000);
    expect(client.sent).toHaveLength(4);
    expect(bot.counts).toEqual({ said: 4, skipped: 0 });
  });

  it('lets its turns pass while not connected instead of queueing a flood for the reconnect', () => {
    const { clock, client, bot } = openBot();
    bot.start();
    clock.advance(2500);
    expect(client.sent).toHaveLength(0);
    expect(bot.counts).toEqual({ said: 0, skipped: 3 });
    open(client);
    clock.advance(1000);
    expect(bot.counts).toEqual({ said: 1, skipped: 3 });
  });

  it('says it is typing shortly before each line when asked to', () => {
    const { clock, client, bot } = openBot({ everyMs: 4000, typingLeadMs: 1200 });
    bot.start();
    open(client);
    // First line at 2000 ms; typing 1000 ms before (half the wait caps the lead).
    clock.advance(999);
    expect(client.typingCalls).toBe(0);
    clock.advance(1);
    expect(client.typingCalls).toBe(1);
    expect(client.sent).toHaveLength(0);
    clock.advance(1000);
    expect(client.sent).toHaveLength(1);
    // Next wait 4000 ms: typing 1200 ms ahead.
    clock.advance(2799);
    expect(client.typingCalls).toBe(1);
    clock.advance(1);
    expect(client.typingCalls).toBe(2);
  });

  it('stops: no timer left, client closed, nothing said afterwards', () => {
    const { clock, client, bot } = openBot();
    bot.start();
    open(client);
    clock.advance(600);
    bot.stop();
    expect(client.closeCalls).toBe(1);
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(client.sent).toHaveLength(1);
  });
});

describe('startFleet', () => {
  it('makes one client per bot through the factory, with the bot as user, and stops them all', () => {
    const made: FakeChatClient[] = [];
    const clock = new FakeClock();
    const fleet = startFleet({
      count: 3,
      transports: ['ws', 'poll'],
      everyMs: 1000,
      connection: { server: 'http://127.0.0.1:9', room: 'dev', interval: 200 },
      createClient: (options: ClientOptions) => {
        const client = new FakeChatClient(options);
        made.push(client);
        return client;
      },
      clock,
      random: () => 0.25,
    });
    expect(fleet.bots.map((bot) => bot.name)).toEqual(['bot-ws-1', 'bot-poll-1', 'bot-ws-2']);
    expect(made.map((client) => [client.options.user, client.options.transport, client.options.room, client.options.interval])).toEqual([
      ['bot-ws-1', 'ws', 'dev', 200],
      ['bot-poll-1', 'poll', 'dev', 200],
      ['bot-ws-2', 'ws', 'dev', 200],
    ]);
    expect(made.every((client) => client.connectCalls === 1)).toBe(true);
    for (const client of made) open(client);
    clock.advance(250);
    expect(made.map((client) => client.sent.length)).toEqual([1, 1, 1]);
    const report = fleet.report();
    expect(report).toHaveLength(3);
    expect(report[0]).toMatch(/^bot-ws-1 {4}ws {8}open {10}said 1 {2}stored 0/);
    fleet.stop();
    expect(made.every((client) => client.closeCalls === 1)).toBe(true);
    expect(clock.pending).toBe(0);
  });
});

describe('formatBotReport', () => {
  it('puts every figure on one line, with "—" where it means nothing', () => {
    const line = formatBotReport({
      name: 'bot-poll-1',
      choice: 'poll',
      state: { status: 'open', transport: 'poll', since: 0 },
      stats: makeStats({ transport: 'poll', messagesSent: 4, messagesReceived: 9, requests: 120, wastedPollsPercent: 96.4, echoLatency: { last: 3, avg: 2.25, p50: 2, p95: 12.6, recent: [], count: 4 } }),
      counts: { said: 5, skipped: 1 },
    });
    expect(line).toBe('bot-poll-1  poll      open          said 5  stored 4  received 9  echo avg 2.3 ms p95 13 ms  requests 120  waste 96%  reconnects 0  pending 0');
    const quiet = formatBotReport({ name: 'bot-ws-1', choice: 'ws', state: { status: 'idle' }, stats: makeStats(), counts: { said: 0, skipped: 0 } }, 12);
    expect(quiet).toBe('bot-ws-1      ws        idle          said 0  stored 0  received 0  echo —  requests 0  waste —  reconnects 0  pending 0');
  });
});
