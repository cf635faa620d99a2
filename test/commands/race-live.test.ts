import { afterEach, describe, expect, it } from 'vitest';
import { openChatNet } from '../../src/commands/chat-net.js';
import { raceBots, type RaceBots } from '../../src/commands/race-bots.js';
import { raceClients } from '../../src/commands/race.js';
import { startOwnServer, type OwnServer } from '../../src/commands/race-server.js';
import { realClock } from '../../src/transports/clock.js';
import type { ChatClient } from '../../src/transports/types.js';
import { RACE_LANES, type RaceLane } from '../../src/ui/race/lanes.js';
import { Race } from '../../src/ui/race/race.js';
import { waitFor } from '../helpers/wait.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A race as termchat race runs it, on its own server, every lane's texts kept for the checks. */
async function startRace(): Promise<{ own: OwnServer; race: Race; clients: ChatClient[]; bots: RaceBots; texts: Map<RaceLane, string[]> }> {
  const own = await startOwnServer(undefined);
  const { lanes, sender } = raceClients({ room: 'race', transports: RACE_LANES, interval: 100, token: undefined }, own.url);
  const race = new Race({ lanes, sender, clock: realClock });
  const bots = raceBots({ server: own.url, room: 'race', interval: 100 }, 50, (client) => race.watchSender(client), 150);
  const texts = new Map<RaceLane, string[]>();
  for (const { lane, client } of lanes) {
    texts.set(lane, []);
    client.on('message', (message) => texts.get(lane)!.push(message.text));
  }
  const clients = [sender, ...lanes.map(({ client }) => client)];
  cleanup = async () => {
    bots.stopAll();
    for (const client of clients) client.close();
    race.dispose();
    await own.close();
  };
  for (const client of clients) client.connect();
  return { own, race, clients, bots, texts };
}

const allOpen = (clients: readonly ChatClient[]): boolean => clients.every((client) => client.state.status === 'open');
/** Every lane has every message the race sent, and the race says so. */
const agreed = (race: Race): boolean => {
  const { sent, lanes } = race.snapshot();
  return lanes.every((lane) => lane.received === sent);
};

describe('termchat race on real sockets', () => {
  it("gives each of its five lanes every message sent, typed or a bot's, with matching counts, before and after its server is stopped and started", async () => {
    const { own, race, clients, bots, texts } = await startRace();
    await waitFor(() => allOpen(clients), 10_000, 'every lane open');
    bots.set(2);
    for (let i = 1; i <= 5; i++) race.send(`before ${i}`);
    await waitFor(() => race.snapshot().sent >= 8 && agreed(race), 15_000, 'every lane has what was sent before the stop');

    await own.stop();
    await waitFor(() => clients.every((client) => client.state.status === 'reconnecting'), 10_000, 'every lane reconnecting');
    // Typed while the server is down: they wait in the sender's outbox.
    for (let i = 1; i <= 3; i++) race.send(`while down ${i}`);
    await own.start();
    await waitFor(() => allOpen(clients), 30_000, 'every lane open again');
    bots.set(0);
    await waitFor(() => agreed(race) && race.snapshot().lanes.every((lane) => lane.stats.pending === 0), 15_000, 'every lane caught up');

    const { sent, lanes } = race.snapshot();
    expect(sent).toBeGreaterThanOrEqual(10);
    expect(lanes.map((lane) => lane.received)).toEqual(RACE_LANES.map(() => sent));
    for (const lane of RACE_LANES) {
      const seen = texts.get(lane)!;
      for (const text of ['before 1', 'before 5', 'while down 1', 'while down 3']) expect(seen.filter((one) => one === text), `${lane}: ${text}`).toHaveLength(1);
      // Each lane has what every other lane has, in the same order, nothing twice.
      expect(seen).toEqual(texts.get('ws'));
    }
    // Each lane reconnected once, and its status bar figures say so.
    expect(lanes.map((lane) => lane.stats.reconnects)).toEqual(RACE_LANES.map(() => 1));
  }, 90_000);

  it('moves every lane at once with /net: a delay on the way down to each lane, a blackhole each lane waits out and catches up from', async () => {
    const own = await startOwnServer(undefined);
    const net = await openChatNet(own.url, []);
    const { lanes, sender } = raceClients({ room: 'race', transports: RACE_LANES, interval: 100, token: undefined }, own.url, net.createClient);
    const race = new Race({ lanes, sender, clock: realClock });
    const clients = [sender, ...lanes.map(({ client }) => client)];
    cleanup = async () => {
      for (const client of clients) client.close();
      race.dispose();
      await net.close();
      await own.close();
    };
    for (const client of clients) client.connect();
    await waitFor(() => allOpen(clients), 10_000, 'every lane open');

    expect(net.lever.apply({ kind: 'delay', ms: 150, jitterMs: 0 })).toMatchObject({ ok: true });
    race.send('slowly');
    await waitFor(() => race.snapshot().last?.arrivals.length === RACE_LANES.length, 10_000, 'the message in every lane');
    // The sender is not behind the relay: what each lane waited is its own way down, and the delay is in every one.
    for (const arrival of race.snapshot().last!.arrivals) expect(arrival.delayMs, arrival.lane).toBeGreaterThanOrEqual(150);

    expect(net.lever.apply({ kind: 'blackhole', on: true })).toMatchObject({ ok: true });
    race.send('into the hole');
    await waitFor(() => race.snapshot().sent === 2, 5000, 'the server to store it');
    expect(net.lever.apply({ kind: 'heal' })).toMatchObject({ ok: true });
    await waitFor(() => allOpen(clients) && agreed(race), 30_000, 'every lane caught up after the blackhole');
    expect(race.snapshot().lanes.map((lane) => lane.received)).toEqual(RACE_LANES.map(() => 2));
  }, 60_000);
});
