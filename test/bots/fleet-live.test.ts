import { afterEach, describe, expect, it } from 'vitest';
import { startFleet, type BotFleet } from '../../src/bots/fleet.js';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const fleets: BotFleet[] = [];
afterEach(() => {
  for (const fleet of fleets.splice(0)) fleet.stop();
});

describe('bots against a real server', () => {
  it('chat on all four transports through the real clients, hear each other, and stop cleanly', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const fleet = startFleet({ count: 4, transports: TRANSPORT_KINDS, everyMs: 150, connection: { server: server.url, room: 'bots', interval: 50, presenceIntervalMs: 200 } });
    fleets.push(fleet);
    expect(fleet.bots.map((bot) => bot.name)).toEqual(['bot-ws-1', 'bot-sse-1', 'bot-longpoll-1', 'bot-poll-1']);

    // Every bot is heard in the room, and every bot hears every other one.
    const speakers = async (): Promise<Set<string>> => new Set((await server.store.since('bots', 0, 500)).messages.map((m) => m.user));
    await waitFor(async () => (await speakers()).size === 4, 15_000, 'a line from every bot', 50);
    await waitFor(() => fleet.bots.every((bot) => bot.client.stats().messagesReceived >= 4 && bot.client.stats().messagesSent >= 1), 15_000, 'every bot to hear and be stored', 50);
    for (const bot of fleet.bots) expect(bot.client.stats().transport, bot.name).toBe(bot.client.options.transport);

    const lines = fleet.report();
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^bot-\S+ +(ws|sse|longpoll|poll) +open +said \d+ {2}stored \d+ {2}received \d+/);

    fleet.stop();
    expect(fleet.bots.every((bot) => bot.client.state.status === 'closed')).toBe(true);
  });
});
