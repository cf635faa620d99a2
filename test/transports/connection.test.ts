import { describe, expect, it } from 'vitest';
import { TYPING_INTERVAL_MS } from '../../src/protocol/index.js';
import { backoffDelay } from '../../src/transports/backoff.js';
import type { ClientOptions, ConnectionState } from '../../src/transports/types.js';
import { makeClient } from '../helpers/chat-clients.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { message, scripted } from '../helpers/scripted-transport.js';

const BACKOFF = { baseMs: 1000, capMs: 30_000 };
const SERVER = 'http://127.0.0.1:9';

function setup(extra: Partial<ClientOptions> = {}, pipelined = true) {
  const clock = new FakeClock();
  const transports = scripted(pipelined);
  const options: ClientOptions = { server: SERVER, room: 'lobby', user: 'alice', transport: 'ws', clock, random: () => 0.5, backoff: BACKOFF, ...extra };
  const made = makeClient(options, { createTransport: transports.factory });
  return { clock, transports, ...made };
}

const statuses = (states: readonly ConnectionState[]): string[] =>
  states.map((s) => (s.status === 'reconnecting' ? `reconnecting#${s.attempt}` : s.status === 'connecting' ? `connecting#${s.attempt}` : s.status));

describe('connection state machine', () => {
  it('connecting → open → reconnecting → connecting → open → closed, each event carrying (next, previous)', () => {
    const { client, clock, transports } = setup();
    const pairs: [ConnectionState, ConnectionState][] = [];
    client.on('state', (next, previous) => pairs.push([next, previous]));
    expect(client.state).toEqual({ status: 'idle' });

    client.connect();
    expect(client.state).toEqual({ status: 'connecting', attempt: 0, transport: 'ws', server: SERVER });
    expect(transports.last().opened).toBe(true);
    transports.last().welcome();
    expect(client.state).toEqual({ status: 'open', transport: 'ws', since: 0, server: SERVER });

    transports.last().end({ reason: 'ws closed by the server, 1006' });
    const delay = backoffDelay(1, BACKOFF, () => 0.5);
    expect(client.state).toEqual({ status: 'reconnecting', attempt: 1, delayMs: delay, retryAt: clock.now() + delay, reason: 'ws closed by the server, 1006' });
    clock.advance(delay - 1);
    expect(client.state.status).toBe('reconnecting');
    clock.advance(1);
    expect(client.state).toEqual({ status: 'connecting', attempt: 1, transport: 'ws', server: SERVER });
    transports.last().welcome();
    client.close();
    expect(client.state).toEqual({ status: 'closed', cause: 'client', reason: 'closed by the client' });
    expect(transports.last().closedByOwner).toBe(true);

    expect(pairs.map(([next]) => next.status)).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open', 'closed']);
    for (let i = 1; i < pairs.length; i++) expect(pairs[i]![1]).toBe(pairs[i - 1]![0]);
    expect(pairs[0]![1]).toEqual({ status: 'idle' });
    expect(clock.pending).toBe(0);
  });

  it('backs off further while the server stays unreachable, and from the base again after an open connection drops', () => {
    const { client, clock, transports, log } = setup();
    client.connect();
    const unreachable = { code: 'unreachable' as const, reason: 'ECONNREFUSED', unreachable: true };
    transports.last().end(unreachable);
    for (let i = 0; i < 4; i++) {
      clock.runNext();
      transports.last().end(unreachable);
    }
    const retries = log.states.filter((s): s is Extract<ConnectionState, { status: 'reconnecting' }> => s.status === 'reconnecting');
    expect(retries.map((s) => s.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(retries.map((s) => s.delayMs)).toEqual([750, 1500, 3000, 6000, 12000]);

    clock.runNext();
    transports.last().welcome();
    transports.last().end();
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 1, delayMs: 750 });
  });

  it('retries at once when asked, keeping the attempt number', () => {
    const { client, clock, transports } = setup();
    client.connect();
    transports.last().end({ code: 'unreachable', unreachable: true });
    clock.runNext();
    transports.last().end({ code: 'unreachable', unreachable: true });
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 2 });
    client.retryNow();
    expect(client.state).toEqual({ status: 'connecting', attempt: 2, transport: 'ws', server: SERVER });
    expect(transports.made).toHaveLength(3);
    // The cancelled timer does not start a second transport.
    clock.advance(60_000);
    expect(transports.made).toHaveLength(3);
    client.retryNow(); // not reconnecting: nothing to skip
    expect(transports.made).toHaveLength(3);
  });

  it.each([
    ['unauthorized', 'unauthorized'],
    ['forbidden', 'forbidden'],
    ['refused', 'fatal'],
    ['fatal', 'fatal'],
  ] as const)('stops on %s (cause %s) instead of retrying', (code, cause) => {
    const { client, clock, transports } = setup();
    client.connect();
    transports.last().end({ code, retry: false, reason: `ws upgrade refused: ${code}` });
    expect(client.state).toEqual({ status: 'closed', cause, reason: `ws upgrade refused: ${code}` });
    clock.advance(120_000);
    expect(transports.made).toHaveLength(1);
  });

  it('ignores late callbacks from a transport it has replaced', () => {
    const { client, clock, transports, log } = setup();
    client.connect();
    const first = transports.last();
    first.welcome();
    first.end();
    clock.runNext();
    first.deliver(message(1));
    first.welcome({ epoch: 'other' });
    first.end({ code: 'unauthorized', retry: false });
    expect(log.messages).toEqual([]);
    expect(log.resets).toEqual([]);
    expect(client.state).toMatchObject({ status: 'connecting', attempt: 1 });
  });
});

describe('resume', () => {
  it('asks each new transport for what came after the last delivered id, and drops repeats', () => {
    const { client, clock, transports, log } = setup({ since: 3 });
    client.connect();
    expect(transports.last().context.since).toBe(3);
    transports.last().welcome();
    transports.last().deliver(message(3), message(4), message(5), message(4));
    expect(log.messages.map((m) => m.id)).toEqual([4, 5]);
    expect(client.stats().duplicatesDropped).toBe(2);
    expect(client.counters()).toMatchObject({ duplicatesDropped: 2, messagesReceived: 2, polls: undefined });
    transports.last().end();
    clock.runNext();
    expect(transports.last().context.since).toBe(5);
    transports.last().welcome();
    expect(client.state).toEqual({ status: 'open', transport: 'ws', since: 5, server: SERVER });
    expect(client.stats().reconnects).toBe(1);
  });

  it('starts again from 0 when the server history was reset (new epoch), and says so', () => {
    const { client, clock, transports, log } = setup();
    client.connect();
    transports.last().welcome({ epoch: 'first' });
    transports.last().deliver(message(1), message(2));
    transports.last().end();
    clock.runNext();
    const resumed = transports.last();
    expect(resumed.context.since).toBe(2);
    resumed.welcome({ epoch: 'second' });
    expect(log.resets).toEqual([{ previousEpoch: 'first', epoch: 'second' }]);
    expect(resumed.closedByOwner).toBe(true);
    const fresh = transports.last();
    expect(fresh).not.toBe(resumed);
    expect(fresh.context.since).toBe(0);
    expect(client.state).toEqual({ status: 'connecting', attempt: 0, transport: 'ws', server: SERVER });
    fresh.welcome({ epoch: 'second' });
    fresh.deliver(message(1, { text: 'new history' }));
    expect(log.messages.map((m) => m.text)).toEqual(['message 1', 'message 2', 'new history']);
    expect(log.resets).toHaveLength(1);
  });
});

describe('a transport that retries by itself (a page\'s EventSource)', () => {
  it('shows reconnecting for its own delay as the first attempt, connecting when it tries, and open again as a reconnect, resuming with nothing lost or twice', () => {
    const { client, clock, transports, log } = setup({}, false);
    client.connect();
    const stream = transports.last();
    stream.welcome();
    stream.deliver(message(1), message(2));
    const entry = client.send('in flight');
    expect(stream.written.map((e) => e.clientId)).toEqual([entry.clientId]);

    stream.lose(734, { reason: 'sse stream ended or failed' });
    expect(client.state).toEqual({ status: 'reconnecting', attempt: 1, delayMs: 734, retryAt: clock.now() + 734, reason: 'sse stream ended or failed' });
    expect(client.stats().pending).toBe(1);
    // No timer of the connection's: the transport retries, and no other is made.
    expect(clock.pending).toBe(0);
    stream.reopen();
    expect(client.state).toEqual({ status: 'connecting', attempt: 1, transport: 'ws', server: SERVER });
    stream.welcome();
    expect(client.state).toEqual({ status: 'open', transport: 'ws', since: 2, server: SERVER });
    expect(transports.made).toHaveLength(1);
    expect(client.stats().reconnects).toBe(1);
    // What was in flight goes again with its clientId; the backlog's repeats are dropped.
    expect(stream.written.map((e) => e.clientId)).toEqual([entry.clientId, entry.clientId]);
    stream.deliver(message(2), message(3));
    expect(log.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(statuses(log.states)).toEqual(['connecting#0', 'open', 'reconnecting#1', 'connecting#1', 'open']);
  });

  it('backs off from the second attempt when its own retry fails, with a new transport resuming by id', () => {
    const { client, clock, transports, log } = setup();
    client.connect();
    const stream = transports.last();
    stream.welcome();
    stream.deliver(message(1));
    stream.lose(600);
    stream.reopen();
    stream.end({ code: 'unreachable', reason: 'the server cannot be reached', unreachable: true });
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 2, delayMs: backoffDelay(2, BACKOFF, () => 0.5) });
    clock.runNext();
    expect(transports.made).toHaveLength(2);
    expect(transports.last().context.since).toBe(1);
    transports.last().end({ code: 'unreachable', unreachable: true });
    expect(client.state).toMatchObject({ status: 'reconnecting', attempt: 3, delayMs: backoffDelay(3, BACKOFF, () => 0.5) });
    expect(statuses(log.states)).toEqual(['connecting#0', 'open', 'reconnecting#1', 'connecting#1', 'reconnecting#2', 'connecting#2', 'reconnecting#3']);
  });

  it('is replaced by a new transport when asked to retry now, and its late callbacks are ignored', () => {
    const { client, transports, log } = setup();
    client.connect();
    const stream = transports.last();
    stream.welcome();
    stream.lose(900);
    client.retryNow();
    expect(stream.closedByOwner).toBe(true);
    expect(transports.made).toHaveLength(2);
    stream.reopen();
    stream.welcome();
    stream.deliver(message(1));
    expect(log.messages).toEqual([]);
    expect(client.state).toMatchObject({ status: 'connecting', attempt: 1 });
  });
});

describe('catching up after an outage', () => {
  it('does not time the backlog a reconnect brings as latency: counts it, and says it once, with the outage from when the server was last heard', () => {
    const { client, clock, transports } = setup();
    const caughtUp: { count: number; outageMs: number }[] = [];
    client.on('caughtUp', (info) => caughtUp.push({ ...info }));
    client.connect();
    transports.last().welcome();
    transports.last().deliver(message(1, { sentAt: clock.now() - 5 }));
    const mine = client.send('sent as the link died');
    expect(client.stats().oneWayLatency).toMatchObject({ count: 1, last: 5 });

    // Heard last 4 s before the drop was noticed; back 4.1 s after it.
    const heardAt = clock.now();
    clock.advance(4000);
    transports.last().end({ heardAt });
    clock.advance(4100);
    clock.runNext();
    transports.last().welcome({ epoch: 'e1', lastId: 4 }, { backlog: true });
    transports.last().deliver(message(2, { sentAt: heardAt + 1000 }), message(3, { user: 'alice', text: mine.text, clientId: mine.clientId }), message(4, { sentAt: heardAt + 7000 }));
    expect(caughtUp).toEqual([]);
    transports.last().caughtUp();
    expect(caughtUp).toEqual([{ count: 3, outageMs: clock.now() - heardAt }]);
    expect(caughtUp[0]!.outageMs).toBeGreaterThanOrEqual(8100);
    // Counted, acknowledged, not timed: the figures still say what the network did.
    const stats = client.stats();
    expect(stats).toMatchObject({ messagesReceived: 4, pending: 0 });
    expect(stats.oneWayLatency).toMatchObject({ count: 1, last: 5 });
    expect(stats.echoLatency.count).toBe(0);

    clock.advance(10);
    transports.last().deliver(message(5, { sentAt: clock.now() - 7 }));
    expect(client.stats().oneWayLatency).toMatchObject({ count: 2, last: 7 });
    expect(caughtUp).toHaveLength(1);
  });

  it('says nothing for a first connect or a reconnect that missed nothing, and says a backlog cut short by another drop for what it brought', () => {
    const { client, clock, transports } = setup();
    const caughtUp: number[] = [];
    client.on('caughtUp', (info) => caughtUp.push(info.count));
    client.connect();
    // History on a first connect is no outage's, and no latency either.
    transports.last().welcome({ epoch: 'e1', lastId: 2 }, { backlog: true });
    transports.last().deliver(message(1), message(2));
    transports.last().caughtUp();
    transports.last().end();
    clock.runNext();
    transports.last().welcome({ epoch: 'e1', lastId: 2 });
    transports.last().end();
    clock.runNext();
    transports.last().welcome({ epoch: 'e1', lastId: 5 }, { backlog: true });
    transports.last().deliver(message(3), message(4));
    transports.last().end();
    expect(caughtUp).toEqual([2]);
    clock.runNext();
    transports.last().welcome({ epoch: 'e1', lastId: 5 }, { backlog: true });
    transports.last().deliver(message(5));
    transports.last().caughtUp();
    expect(caughtUp).toEqual([2, 1]);
    expect(client.stats()).toMatchObject({ messagesReceived: 5, oneWayLatency: { count: 0 } });
  });

  it('shows how long the open transport has been quiet, and nothing while not open', () => {
    const { client, transports } = setup();
    client.connect();
    transports.last().quiet = 4200;
    expect(client.stats().quietMs).toBeUndefined();
    transports.last().welcome();
    expect(client.stats().quietMs).toBe(4200);
    transports.last().quiet = undefined;
    expect(client.stats().quietMs).toBeUndefined();
  });
});

describe('outbox', () => {
  it('queues while not connected and sends once open, in order, reporting each ack with its server id', () => {
    const { client, transports, log } = setup();
    const outboxes: number[] = [];
    client.on('outbox', (entries) => outboxes.push(entries.length));
    const first = client.send('one');
    client.connect();
    const second = client.send('two');
    expect([first.status, second.status]).toEqual(['pending', 'pending']);
    expect(client.stats().pending).toBe(2);
    expect(transports.last().written).toEqual([]);

    transports.last().welcome();
    expect(transports.last().written.map((e) => [e.clientId, e.text, e.status])).toEqual([
      [first.clientId, 'one', 'pending'],
      [second.clientId, 'two', 'pending'],
    ]);
    transports.last().owner.ack(first.clientId, 41);
    transports.last().owner.ack(second.clientId, 42);
    transports.last().owner.ack(second.clientId, 42);
    expect(log.acks.map((a) => [a.clientId, a.id, a.status])).toEqual([
      [first.clientId, 41, 'acked'],
      [second.clientId, 42, 'acked'],
    ]);
    expect(client.stats()).toMatchObject({ pending: 0, messagesSent: 2 });
    expect(outboxes.at(-1)).toBe(0);
  });

  it('keeps one send in flight on a transport that cannot pipeline', () => {
    const { client, transports } = setup({ transport: 'poll' }, false);
    client.connect();
    transports.last().welcome();
    const a = client.send('a');
    const b = client.send('b');
    expect(transports.last().written.map((e) => e.clientId)).toEqual([a.clientId]);
    transports.last().owner.ack(a.clientId, 1);
    expect(transports.last().written.map((e) => e.clientId)).toEqual([a.clientId, b.clientId]);
  });

  it('sends again, with the same clientId, what was in flight when the transport dropped', () => {
    const { client, clock, transports } = setup();
    client.connect();
    transports.last().welcome();
    const entry = client.send('in flight');
    expect(client.stats().pending).toBe(1);
    transports.last().end();
    clock.runNext();
    transports.last().welcome();
    expect(transports.last().written.map((e) => e.clientId)).toEqual([entry.clientId]);
  });

  it('sends again when no ack came in time, and counts it once when the ack finally does', () => {
    const { client, clock, transports, log } = setup({ ackTimeoutMs: 5000 });
    client.connect();
    transports.last().welcome();
    const entry = client.send('lost ack');
    clock.advance(4999);
    expect(transports.last().written).toHaveLength(1);
    clock.advance(1);
    expect(transports.last().written.map((e) => e.clientId)).toEqual([entry.clientId, entry.clientId]);
    transports.last().owner.ack(entry.clientId, 9);
    transports.last().owner.ack(entry.clientId, 9);
    expect(log.acks).toHaveLength(1);
    clock.advance(60_000);
    expect(transports.last().written).toHaveLength(2);
  });

  it('treats its own message coming back as the ack (ws delivers it before the ack frame)', () => {
    const { client, transports, log } = setup();
    client.connect();
    transports.last().welcome();
    const entry = client.send('mine');
    transports.last().deliver(message(1, { user: 'alice', text: 'mine', clientId: entry.clientId }));
    transports.last().owner.ack(entry.clientId, 1);
    expect(log.acks.map((a) => a.id)).toEqual([1]);
    expect(log.messages).toHaveLength(1);
    expect(client.stats().echoLatency.count).toBe(1);
  });

  it('holds a rate-limited entry, and those behind it, until the server said to retry', () => {
    const { client, clock, transports } = setup();
    client.connect();
    transports.last().welcome();
    const a = client.send('a');
    transports.last().owner.sendFailed({ clientId: a.clientId, code: 'rate_limited', message: 'slow down', retryAfterMs: 2000 });
    const b = client.send('b');
    expect(transports.last().written.map((e) => e.clientId)).toEqual([a.clientId]);
    expect(client.stats().pending).toBe(2);
    clock.advance(1999);
    expect(transports.last().written).toHaveLength(1);
    clock.advance(1);
    expect(transports.last().written.map((e) => e.clientId)).toEqual([a.clientId, a.clientId, b.clientId]);
  });

  it('waits for the first held-back entry even when a later one was told a shorter wait', () => {
    const { client, clock, transports } = setup();
    client.connect();
    transports.last().welcome();
    const a = client.send('a');
    const b = client.send('b');
    transports.last().owner.sendFailed({ clientId: a.clientId, code: 'rate_limited', message: 'slow down', retryAfterMs: 500 });
    transports.last().owner.sendFailed({ clientId: b.clientId, code: 'rate_limited', message: 'slow down', retryAfterMs: 499 });
    clock.advance(499);
    expect(transports.last().written).toHaveLength(2);
    clock.advance(1);
    expect(transports.last().written.slice(2).map((e) => e.clientId)).toEqual([a.clientId, b.clientId]);
  });

  it('reports an entry the server will never take as failed, and goes on with the rest', () => {
    const { client, transports, log } = setup({ transport: 'sse' }, false);
    client.connect();
    transports.last().welcome();
    const long = client.send('x'.repeat(5000));
    const next = client.send('fine');
    transports.last().owner.sendFailed({ clientId: long.clientId, code: 'text_too_long', message: 'text is 5000 characters; the limit is 4000', retryAfterMs: undefined });
    expect(log.failed).toEqual([expect.objectContaining({ clientId: long.clientId, status: 'failed', error: { code: 'text_too_long', message: 'text is 5000 characters; the limit is 4000' } })]);
    expect(transports.last().written.map((e) => e.clientId)).toEqual([long.clientId, next.clientId]);
  });

  it('refuses empty text and sends after close at once, as failed entries', () => {
    const { client } = setup();
    expect(client.send('   ')).toMatchObject({ status: 'failed', error: { code: 'invalid_field' } });
    client.close();
    expect(client.send('too late')).toMatchObject({ status: 'failed', error: { code: 'closed' } });
  });
});

describe('presence', () => {
  it('takes the list from the welcome, then follows join and leave events', () => {
    const { client, transports, log } = setup();
    client.connect();
    transports.last().welcome({ epoch: 'e', online: [{ user: 'alice', transport: 'ws' }] });
    expect(client.online).toEqual([{ user: 'alice', transport: 'ws' }]);
    expect(log.presence).toEqual([]);
    transports.last().owner.presence({ event: 'join', user: 'bob', transport: 'sse', online: 2 });
    transports.last().owner.presence({ event: 'leave', user: 'alice', transport: 'ws', online: 1 });
    expect(client.online).toEqual([{ user: 'bob', transport: 'sse' }]);
    expect(log.presence.map((e) => `${e.event} ${e.user}`)).toEqual(['join bob', 'leave alice']);
  });

  it('turns polled snapshots into join and leave events, the first one silently', () => {
    const { client, transports, log } = setup({ transport: 'poll' }, false);
    client.connect();
    transports.last().welcome();
    transports.last().owner.online([{ user: 'alice', transport: 'poll' }, { user: 'bob', transport: 'ws' }], true);
    expect(log.presence).toEqual([]);
    transports.last().owner.online([{ user: 'alice', transport: 'poll' }, { user: 'carol', transport: 'poll' }], false);
    expect(log.presence.map((e) => `${e.event} ${e.user} ${e.online}`)).toEqual(['leave bob 2', 'join carol 2']);
    expect(log.online).toEqual(client.online);
  });
});

describe('transport choice', () => {
  it('auto falls back to the next transport at once when the open is refused', () => {
    const { client, transports, log } = setup({ transport: 'auto' });
    const atFallback: unknown[] = [];
    client.on('fallback', () => atFallback.push(client.transport));
    expect(client.transport).toBeUndefined();
    client.connect();
    expect(client.transport).toBe('ws');
    transports.last().end({ code: 'refused', retry: false, status: 404, errorCode: 'transport_disabled', reason: 'ws upgrade refused, 404 transport_disabled' });
    expect(log.fallbacks).toEqual([{ from: 'ws', to: 'sse', reason: 'ws upgrade refused, 404 transport_disabled' }]);
    expect(atFallback).toEqual(['sse']);
    expect(transports.last().kind).toBe('sse');
    expect(statuses(log.states)).toEqual(['connecting#0', 'connecting#0']);
    transports.last().welcome();
    expect(client.state).toMatchObject({ status: 'open', transport: 'sse' });
  });

  it('auto stays on its transport when the server is unreachable, and stops on unauthorized', () => {
    const { client, clock, transports, log } = setup({ transport: 'auto' });
    client.connect();
    transports.last().end({ code: 'unreachable', unreachable: true });
    clock.runNext();
    expect(transports.last().kind).toBe('ws');
    transports.last().end({ code: 'unauthorized', retry: false, status: 401, errorCode: 'unauthorized' });
    expect(log.fallbacks).toEqual([]);
    expect(client.state).toMatchObject({ status: 'closed', cause: 'unauthorized' });
    // Closed, it still names what it last tried.
    expect(client.transport).toBe('ws');
    expect(client.server).toBe(SERVER);
  });

  it('moves to the next server on every reconnect and resumes there by id', () => {
    const { client, clock, transports } = setup({ server: 'http://127.0.0.1:9, http://127.0.0.1:10' });
    expect(client.server).toBeUndefined();
    client.connect();
    expect(transports.last().context.server.origin).toBe('http://127.0.0.1:9');
    transports.last().welcome();
    transports.last().deliver(message(1), message(2));
    transports.last().end();
    // While it waits to reconnect, the server is still the one last tried.
    expect(client.server).toBe('http://127.0.0.1:9');
    clock.advance(backoffDelay(1, BACKOFF, () => 0.5));
    expect(client.server).toBe('http://127.0.0.1:10');
    expect(client.state).toEqual({ status: 'connecting', attempt: 1, transport: 'ws', server: 'http://127.0.0.1:10' });
    expect(transports.last().context.server.origin).toBe('http://127.0.0.1:10');
    expect(transports.last().context.since).toBe(2);
    // Unreachable too: back to the first one, with a longer wait.
    transports.last().end({ unreachable: true });
    clock.advance(backoffDelay(2, BACKOFF, () => 0.5));
    expect(transports.last().context.server.origin).toBe('http://127.0.0.1:9');
    client.close();
  });

  it('switches transport live, keeping the resume point and the outbox', () => {
    const { client, transports, log } = setup();
    client.connect();
    transports.last().welcome();
    transports.last().deliver(message(1), message(2));
    const old = transports.last();
    const entry = client.send('carried over');
    client.switchTransport('longpoll');
    expect(old.closedByOwner).toBe(true);
    expect(transports.last().kind).toBe('longpoll');
    expect(transports.last().context.since).toBe(2);
    expect(statuses(log.states)).toEqual(['connecting#0', 'open', 'connecting#0']);
    transports.last().welcome();
    expect(transports.last().written.map((e) => e.clientId)).toEqual([entry.clientId]);
    expect(client.stats().transport).toBe('longpoll');
    // A switch the caller asked for is not a reconnect.
    expect(client.stats().reconnects).toBe(0);
  });

  it('sends typing only while open and at most every TYPING_INTERVAL_MS, however often it is called', () => {
    const { client, clock, transports } = setup();
    client.typing();
    client.connect();
    client.typing();
    transports.last().welcome();
    client.typing();
    client.typing();
    expect(transports.last().typings).toBe(1);
    clock.advance(TYPING_INTERVAL_MS - 1);
    client.typing();
    expect(transports.last().typings).toBe(1);
    clock.advance(1);
    client.typing();
    client.typing();
    expect(transports.last().typings).toBe(2);
  });
});
