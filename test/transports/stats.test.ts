import { describe, expect, it } from 'vitest';
import { StatsRecorder } from '../../src/transports/stats.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { message } from '../helpers/scripted-transport.js';

const context = { state: 'open', transport: 'ws', pending: 0 } as const;

describe('StatsRecorder', () => {
  it('times the echo of own messages from their last write, and others by their sentAt', () => {
    const clock = new FakeClock(10_000);
    const stats = new StatsRecorder(clock);
    stats.written('mine', 10_000);
    stats.written('mine', 10_500); // sent again after a reconnect
    clock.advance(800);
    stats.delivered(message(1, { clientId: 'mine', text: 'hi' }), clock.now());
    stats.delivered(message(2, { clientId: 'theirs', sentAt: 10_700 }), clock.now());
    const snapshot = stats.snapshot(context);
    expect(snapshot.echoLatency).toMatchObject({ last: 300, count: 1 });
    expect(snapshot.oneWayLatency).toMatchObject({ last: 100, count: 1 });
    expect(snapshot.messagesReceived).toBe(2);
  });

  it('does not count history committed before the client existed as one-way latency', () => {
    const clock = new FakeClock(1_700_000_000_000);
    const stats = new StatsRecorder(clock);
    clock.advance(50);
    stats.delivered(message(1, { serverAt: 1_699_999_000_000, sentAt: 1_699_999_000_000 }), clock.now());
    stats.delivered(message(2, { serverAt: 1_700_000_000_040, sentAt: 1_700_000_000_030 }), clock.now());
    expect(stats.snapshot(context).oneWayLatency).toMatchObject({ last: 20, count: 1 });
    expect(stats.snapshot(context).messagesReceived).toBe(2);
  });

  it('counts polls and their waste, requests and their rate', () => {
    const clock = new FakeClock(0);
    const stats = new StatsRecorder(clock);
    for (let i = 0; i < 10; i++) {
      stats.request();
      stats.poll(i !== 0);
      clock.advance(500);
    }
    const snapshot = stats.snapshot({ ...context, transport: 'poll' });
    // Requests at 0, 500 … 4500 ms, read at 5000: the window (0, 5000] holds nine of them.
    expect(snapshot).toMatchObject({ polls: 10, emptyPolls: 9, wastedPollsPercent: 90, requests: 10, requestsPerSecond: 1.8 });
    clock.advance(10_000);
    expect(stats.snapshot(context).requestsPerSecond).toBe(0);
  });

  it('leaves poll figures undefined for a streaming transport that never polled', () => {
    const stats = new StatsRecorder(new FakeClock());
    expect(stats.snapshot(context)).toMatchObject({ polls: undefined, emptyPolls: undefined, wastedPollsPercent: undefined, pingRtt: undefined, overheadBytesPerMessage: undefined });
    expect(stats.snapshot({ ...context, transport: 'longpoll' })).toMatchObject({ polls: 0, emptyPolls: 0 });
  });

  it('counts acknowledged sends, duplicates and reconnects', () => {
    const stats = new StatsRecorder(new FakeClock());
    stats.acked('hello');
    stats.duplicate();
    stats.reconnected();
    stats.pingRtt(3);
    expect(stats.snapshot({ ...context, pending: 2 })).toMatchObject({ messagesSent: 1, duplicatesDropped: 1, reconnects: 1, pingRtt: 3, pending: 2 });
  });

  it('gives the running totals alone, the same as the snapshot holds', () => {
    const clock = new FakeClock(0);
    const stats = new StatsRecorder(clock);
    stats.request();
    stats.poll(true);
    stats.acked('hello');
    stats.delivered(message(1, { sentAt: 0 }), clock.now());
    stats.duplicate();
    stats.reconnected();
    const counters = stats.counters('poll');
    expect(counters).toEqual({ polls: 1, emptyPolls: 1, requests: 1, tcpConnections: 0, bytesSent: 0, bytesReceived: 0, reconnects: 1, messagesSent: 1, messagesReceived: 1, duplicatesDropped: 1 });
    expect(stats.snapshot({ ...context, transport: 'poll' })).toMatchObject(counters);
    expect(new StatsRecorder(clock).counters('ws')).toMatchObject({ polls: undefined, emptyPolls: undefined });
  });

  it('reads connections and bytes from the totals it is given where sockets cannot be seen', () => {
    const clock = new FakeClock(0);
    const stats = new StatsRecorder(clock, { connections: 2, bytes: () => ({ sent: 300, received: 700 }) });
    stats.delivered(message(1, { text: 'hello', sentAt: 0 }), clock.now());
    expect(stats.counters('sse')).toMatchObject({ tcpConnections: 2, bytesSent: 300, bytesReceived: 700 });
    expect(stats.snapshot({ ...context, transport: 'sse' }).overheadBytesPerMessage).toBe(1000 - 5);
  });
});
