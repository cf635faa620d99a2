import { describe, expect, it } from 'vitest';
import { Race } from '../../../src/ui/race/race.js';
import { scoreboard } from '../../../src/ui/race/race-view.js';
import { FakeChatClient, makeMessage, ManualClock } from '../fake-client.js';

function setup() {
  const clock = new ManualClock();
  const lanes = (['ws', 'sse', 'poll'] as const).map((lane) => ({ lane, client: new FakeChatClient({ user: `race-${lane}`, clock }) }));
  const sender = new FakeChatClient({ user: 'race', clock });
  const race = new Race({ lanes, sender, clock });
  /** The server stores what was sent: the sender hears its ack. */
  const ack = (client: FakeChatClient, clientId: string, id: number): void => {
    const entry = client.sent.find((one) => one.clientId === clientId)!;
    client.emit('outbox', []);
    client.emit('ack', { ...entry, id, status: 'acked' });
  };
  const deliver = (lane: number, message: ReturnType<typeof makeMessage>): void => lanes[lane]!.client.emit('message', message);
  return { clock, lanes, sender, race, ack, deliver };
}

describe('the race', () => {
  it('sends what is typed once, from the sender, and ranks where it lands', () => {
    const { clock, sender, race, deliver } = setup();
    const entry = race.send('hello');
    expect(sender.sent.map((one) => one.text)).toEqual(['hello']);
    const message = makeMessage({ id: 1, user: 'race', text: 'hello', clientId: entry.clientId, sentAt: clock.now() });
    clock.advance(2);
    deliver(0, message);
    clock.advance(75);
    deliver(2, message);
    let board = scoreboard(race.snapshot());
    expect(board.order).toBe('"hello": ws 2.0 ms · poll 77 · sse …');
    clock.advance(3);
    deliver(1, message);
    board = scoreboard(race.snapshot());
    expect(board.order).toBe('"hello": ws 2.0 ms · poll 77 · sse 80');
    expect(race.snapshot().lanes.map((lane) => lane.recent.map((one) => one.delayMs))).toEqual([[2], [80], [77]]);
  });

  it("counts, per lane, the race's messages received against those the server stored, whichever comes first", () => {
    const { clock, sender, race, ack, deliver } = setup();
    const bot = new FakeChatClient({ user: 'bot-ws-1', clock });
    race.watchSender(bot);
    const typed = race.send('one');
    const said = bot.send('two');
    bot.emit('outbox', [said]);
    // Lane 0 has both before the server's acks reach their senders; lane 1 has one; lane 2 none.
    deliver(0, makeMessage({ id: 1, user: 'race', text: 'one', clientId: typed.clientId }));
    deliver(0, makeMessage({ id: 2, user: 'bot-ws-1', text: 'two', clientId: said.clientId }));
    deliver(1, makeMessage({ id: 1, user: 'race', text: 'one', clientId: typed.clientId }));
    // Someone else's message is shown but not counted.
    deliver(1, makeMessage({ id: 3, user: 'carol', text: 'hi', clientId: 'not-ours' }));
    const counts = (): number[] => race.snapshot().lanes.map((lane) => lane.received);
    expect(race.snapshot().sent).toBe(0);
    expect(counts()).toEqual([0, 0, 0]);
    ack(sender, typed.clientId, 1);
    ack(bot, said.clientId, 2);
    expect(race.snapshot().sent).toBe(2);
    expect(counts()).toEqual([2, 1, 0]);
    deliver(1, makeMessage({ id: 2, user: 'bot-ws-1', text: 'two', clientId: said.clientId }));
    deliver(2, makeMessage({ id: 1, user: 'race', text: 'one', clientId: typed.clientId }));
    deliver(2, makeMessage({ id: 2, user: 'bot-ws-1', text: 'two', clientId: said.clientId }));
    expect(counts()).toEqual([2, 2, 2]);
    // A second ack of the same message (a resend) counts nothing twice.
    ack(sender, typed.clientId, 1);
    expect(race.snapshot().sent).toBe(2);
    expect(counts()).toEqual([2, 2, 2]);
  });

  it('tells its subscribers of every change, and stops listening when disposed', () => {
    const { lanes, race, deliver } = setup();
    let changes = 0;
    race.subscribe(() => changes++);
    deliver(0, makeMessage({ user: 'x', text: 'y' }));
    lanes[1]!.client.setState({ status: 'connecting', attempt: 0, transport: 'sse' });
    expect(changes).toBe(2);
    race.dispose();
    expect(lanes.every(({ client }) => client.listenerCount() === 0)).toBe(true);
  });
});

describe('a state label in a narrow column', () => {
  it('splits after its comma, and says "retry in" where "reconnecting in" would not fit', async () => {
    const { stackedLabel } = await import('../../../src/ui/race/race-view.js');
    expect(stackedLabel('open', 23)).toEqual(['● open', '']);
    expect(stackedLabel('reconnecting in 2.4 s, attempt 3', 23)).toEqual(['● retry in 2.4 s,', 'attempt 3']);
    expect(stackedLabel('reconnecting in 2.4 s, attempt 3', 30)).toEqual(['● reconnecting in 2.4 s,', 'attempt 3']);
    expect(stackedLabel('reconnecting in 26.9 s, attempt 6', 19)).toEqual(['● retry in 26.9 s,', 'attempt 6']);
    expect(stackedLabel('closed: the server refused the token (401)', 19)).toEqual(['● closed: the', 'server refused the…']);
  });
});
