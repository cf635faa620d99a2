import { Registry } from 'prom-client';
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Message, PresenceEvent } from '../../src/protocol/index.js';
import type { MetricsSnapshot } from '../../src/server/metrics/metrics.js';
import { PresenceTracker } from '../../src/server/room/presence.js';
import { RateLimiter } from '../../src/server/room/rate-limiter.js';
import { formatStatsBlock } from '../../src/server/metrics/stats-block.js';
import { TallyHistogram } from '../../src/server/metrics/tally-histogram.js';
import { framesWritten, SocketWriter } from '../../src/server/wire/socket-writer.js';
import { RecentMessages } from '../../src/server/store/recent-messages.js';
import { Sweeper } from '../../src/server/room/sweeper.js';
import { logSafe } from '../../src/server/base/log.js';
import { waitFor } from '../helpers/wait.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('RateLimiter', () => {
  it('allows count events per window and says when the next one is allowed', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(3, 1000, clock.now);
    expect(limiter.take('k')).toEqual({ ok: true });
    clock.advance(100);
    expect(limiter.take('k')).toEqual({ ok: true });
    clock.advance(100);
    expect(limiter.take('k')).toEqual({ ok: true });
    clock.advance(100);
    // The oldest of the three was 300 ms ago.
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterMs: 700 });
    clock.advance(699);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(limiter.take('k')).toEqual({ ok: true });
  });

  it('slides: each event leaves the window exactly windowMs after it happened', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(2, 1000, clock.now);
    limiter.take('k'); // t=0
    clock.advance(600);
    limiter.take('k'); // t=600
    clock.advance(400); // t=1000: the first left
    expect(limiter.take('k').ok).toBe(true);
    clock.advance(100); // t=1100: 600 and 1000 are in
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterMs: 500 });
    clock.advance(500); // t=1600: 600 left
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterMs: 400 });
  });

  it('does not count refused events', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(1, 1000, clock.now);
    limiter.take('k');
    for (let i = 0; i < 5; i++) {
      clock.advance(100);
      expect(limiter.take('k').ok).toBe(false);
    }
    clock.advance(500);
    expect(limiter.take('k').ok).toBe(true);
  });

  it('keeps keys apart and forgets keys whose events all left the window', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(1, 1000, clock.now);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.size).toBe(2);
    clock.advance(500);
    expect(limiter.take('c').ok).toBe(true);
    clock.advance(500);
    limiter.sweep();
    expect(limiter.size).toBe(1);
    expect(limiter.expiring).toBe(true);
    clock.advance(500);
    limiter.sweep();
    expect(limiter.size).toBe(0);
    expect(limiter.expiring).toBe(false);
    expect(limiter.take('a').ok).toBe(true);
  });
});

describe('PresenceTracker', () => {
  function tracker(): { presence: PresenceTracker; events: [string, PresenceEvent][]; clock: ReturnType<typeof fakeClock> } {
    const clock = fakeClock();
    const events: [string, PresenceEvent][] = [];
    const presence = new PresenceTracker(clock.now, (room, event) => events.push([room, event]));
    return { presence, events, clock };
  }

  it('holds a connection online until released, counting references', () => {
    const { presence, events } = tracker();
    const first = presence.connect('r', 'alice', 'ws');
    const second = presence.connect('r', 'alice', 'ws');
    expect(events).toEqual([['r', { event: 'join', user: 'alice', transport: 'ws', online: 1 }]]);
    first.release();
    first.release(); // releasing twice is harmless
    expect(presence.list('r')).toEqual([{ user: 'alice', transport: 'ws' }]);
    expect(events).toHaveLength(1);
    second.release();
    expect(presence.list('r')).toEqual([]);
    expect(events.at(-1)).toEqual(['r', { event: 'leave', user: 'alice', transport: 'ws', online: 0 }]);
  });

  it('keeps a poller online for its lease, renewed by each touch, and lets it go on sweep', () => {
    const { presence, events, clock } = tracker();
    presence.touch('r', 'bob', 'poll', 10_000);
    clock.advance(5000);
    presence.touch('r', 'bob', 'poll', 10_000);
    expect(events.map(([, e]) => e.event)).toEqual(['join']);
    clock.advance(9999);
    presence.sweep();
    expect(presence.list('r')).toEqual([{ user: 'bob', transport: 'poll' }]);
    clock.advance(1);
    expect(presence.list('r')).toEqual([]);
    // Counted until its leave is told, as a client keeping the list from the events counts it.
    expect(presence.count('r')).toBe(1);
    presence.sweep();
    expect(presence.count('r')).toBe(0);
    presence.sweep();
    expect(events.map(([, e]) => `${e.event}:${e.online}`)).toEqual(['join:1', 'leave:0']);
  });

  it('has something to sweep only while a poller holds a lease, however many streams are open', () => {
    const { presence, events, clock } = tracker();
    const holds = Array.from({ length: 100 }, (_, i) => presence.connect(`r${i % 10}`, `u${i}`, 'ws'));
    expect(presence.expiring).toBe(false);
    presence.touch('r0', 'poller', 'longpoll', 1000);
    expect(presence.expiring).toBe(true);
    clock.advance(999);
    presence.sweep();
    expect(presence.expiring).toBe(true);
    clock.advance(1);
    presence.sweep();
    expect(presence.expiring).toBe(false);
    expect(events.at(-1)).toEqual(['r0', { event: 'leave', user: 'poller', transport: 'longpoll', online: 10 }]);
    // Streams leave when released, with no sweep.
    holds[0]!.release();
    expect(events.at(-1)).toEqual(['r0', { event: 'leave', user: 'u0', transport: 'ws', online: 9 }]);
    expect(presence.expiring).toBe(false);
  });

  it('never shortens a lease', () => {
    const { presence, clock } = tracker();
    presence.touch('r', 'bob', 'longpoll', 70_000);
    presence.touch('r', 'bob', 'longpoll', 10_000);
    clock.advance(69_999);
    expect(presence.count('r')).toBe(1);
  });

  it('alternates join and leave when a lease runs out and is renewed before the sweep', () => {
    const { presence, events, clock } = tracker();
    presence.touch('r', 'bob', 'poll', 1000);
    clock.advance(2000);
    presence.touch('r', 'bob', 'poll', 1000);
    clock.advance(2000);
    presence.sweep();
    expect(events.map(([, e]) => e.event)).toEqual(['join', 'leave']);
  });

  it('keeps one entry per user and transport, rooms apart, listed in order, with counts in events', () => {
    const { presence, events } = tracker();
    presence.connect('r', 'zed', 'sse');
    presence.touch('r', 'amy', 'poll', 1000);
    presence.connect('r', 'amy', 'ws');
    presence.connect('s', 'amy', 'ws');
    expect(presence.list('r')).toEqual([
      { user: 'amy', transport: 'poll' },
      { user: 'amy', transport: 'ws' },
      { user: 'zed', transport: 'sse' },
    ]);
    expect(presence.count('r')).toBe(3);
    expect(presence.list('s')).toEqual([{ user: 'amy', transport: 'ws' }]);
    expect(events.map(([room, e]) => `${room}:${e.user}/${e.transport}:${e.online}`)).toEqual(['r:zed/sse:1', 'r:amy/poll:2', 'r:amy/ws:3', 's:amy/ws:1']);
  });

  it('counts a room in O(1): a join does not look at the entries already there', () => {
    let reads = 0;
    const clock = fakeClock();
    const events: PresenceEvent[] = [];
    const presence = new PresenceTracker(
      () => {
        reads++;
        return clock.now();
      },
      (_room, event) => events.push(event),
    );
    const joins = 2000;
    for (let i = 0; i < joins; i++) presence.touch('r', `u${i}`, 'poll', 10_000);
    expect(events).toHaveLength(joins);
    expect(events.at(-1)).toEqual({ event: 'join', user: `u${joins - 1}`, transport: 'poll', online: joins });
    // A count that looked at every entry would read the clock about joins² / 2 times.
    expect(reads).toBeLessThan(joins * 4);
  });

  it('keeps a user online through a stream while a lease also ran out', () => {
    const { presence, events, clock } = tracker();
    const hold = presence.connect('r', 'cat', 'sse');
    clock.advance(60_000);
    presence.sweep();
    expect(presence.count('r')).toBe(1);
    hold.release();
    expect(events.map(([, e]) => e.event)).toEqual(['join', 'leave']);
  });
});

describe('logSafe', () => {
  it('escapes every control character and the line separators, and nothing else', () => {
    expect(logSafe('a\nb\r\tc\u0000\u001b[2J\u007f\u009b\u2028\u2029 héllo ✓')).toBe('a\\x0ab\\x0d\\x09c\\x00\\x1b[2J\\x7f\\x9b\\u2028\\u2029 héllo ✓');
  });

  it('hides tokens in URLs and credentials, wherever they appear', () => {
    expect(logSafe('GET /ws?room=lobby&token=abc.def&user=x')).toBe('GET /ws?room=lobby&token=[redacted]&user=x');
    expect(logSafe('/messages?token=s3cret')).toBe('/messages?token=[redacted]');
    expect(logSafe('authorization: Bearer eyJ.x.y, next')).toBe('authorization: Bearer [redacted], next');
    expect(logSafe('Authorization: basic dXNlcjpwYXNz')).toBe('Authorization: basic [redacted]');
  });
});

describe('Sweeper', () => {
  it('sweeps only while something can expire, stops by itself, and not at all once stopped', async () => {
    let expiring = false;
    let sweeps = 0;
    const sweeper = new Sweeper(5, () => sweeps++, () => expiring);
    sweeper.arm();
    expect(sweeper.armed).toBe(false);

    expiring = true;
    sweeper.arm();
    sweeper.arm();
    expect(sweeper.armed).toBe(true);
    await waitFor(() => sweeps >= 3, 5000, 'three sweeps');

    expiring = false;
    await waitFor(() => !sweeper.armed, 5000, 'the sweeper to stop by itself');
    const swept = sweeps;
    expiring = true;
    sweeper.stop();
    sweeper.arm();
    expect(sweeper.armed).toBe(false);
    expect(sweeps).toBe(swept);
  });
});

describe('TallyHistogram', () => {
  function histogram(): { registry: Registry; latency: TallyHistogram } {
    const registry = new Registry();
    const latency = new TallyHistogram({ name: 'lat_seconds', help: 'latency', buckets: [0.01, 0.1, 1], registers: [registry] });
    return { registry, latency };
  }

  it('counts many observations of one value as that many, in cumulative buckets', async () => {
    const { registry, latency } = histogram();
    latency.observeMany(0.05, 3);
    latency.observe(0.01);
    latency.observeMany(2, 1);
    latency.observeMany(0.5, 0);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE lat_seconds histogram');
    expect(text).toContain('lat_seconds_bucket{le="0.01"} 1\n');
    expect(text).toContain('lat_seconds_bucket{le="0.1"} 4\n');
    expect(text).toContain('lat_seconds_bucket{le="1"} 4\n');
    expect(text).toContain('lat_seconds_bucket{le="+Inf"} 5\n');
    expect(text).toContain('lat_seconds_count 5');
    expect(text).toMatch(/^lat_seconds_sum 2\.16\d*$/m);
  });

  it('reads the same through get() and starts over on reset', async () => {
    const { latency } = histogram();
    latency.observeMany(0.2, 2);
    const values = (await latency.get()).values;
    expect(values.find((v) => v.metricName === 'lat_seconds_count')?.value).toBe(2);
    expect(values.find((v) => v.labels.le === 1)?.value).toBe(2);
    latency.reset();
    expect((await latency.get()).values.every((v) => v.value === 0)).toBe(true);
    expect(() => latency.observe(Number.NaN)).toThrow(TypeError);
  });
});

describe('RecentMessages', () => {
  const msg = (id: number, room = 'r'): Message => ({ id, room, user: 'u', text: `m${id}`, sentAt: id, serverAt: id });
  const ids = (page: { messages: readonly Message[] } | undefined): number[] | undefined => page?.messages.map((m) => m.id);

  it('answers pages from what it holds and hasMore when cut', () => {
    const recent = new RecentMessages(10);
    for (let id = 5; id <= 9; id++) recent.add(msg(id));
    expect(ids(recent.since('r', 4, 10))).toEqual([5, 6, 7, 8, 9]);
    expect(recent.since('r', 4, 2)).toEqual({ messages: [msg(5), msg(6)], hasMore: true });
    expect(recent.since('r', 7, 2)).toEqual({ messages: [msg(8), msg(9)], hasMore: false });
    expect(recent.since('r', 9, 5)).toEqual({ messages: [], hasMore: false });
    expect(recent.since('r', 50, 5)).toEqual({ messages: [], hasMore: false });
  });

  it('says it does not know when asked from before what it holds, or for a room it never saw', () => {
    const recent = new RecentMessages(10);
    for (let id = 5; id <= 6; id++) recent.add(msg(id));
    expect(recent.since('r', 3, 10)).toBeUndefined();
    expect(recent.since('r', 0, 10)).toBeUndefined();
    expect(recent.since('other', 0, 10)).toBeUndefined();
  });

  it('starts over on a gap in ids rather than serving one', () => {
    const recent = new RecentMessages(10);
    recent.add(msg(1));
    recent.add(msg(2));
    recent.add(msg(4));
    expect(recent.since('r', 0, 10)).toBeUndefined();
    expect(recent.since('r', 2, 10)).toBeUndefined();
    expect(ids(recent.since('r', 3, 10))).toEqual([4]);
  });

  it('stays bounded, forgetting the oldest, and keeps rooms apart', () => {
    const recent = new RecentMessages(4);
    for (let id = 1; id <= 20; id++) recent.add(msg(id));
    recent.add(msg(1, 'other'));
    expect(recent.since('r', 0, 100)).toBeUndefined();
    const tail = recent.since('r', 15, 100);
    expect(ids(tail)).toEqual([16, 17, 18, 19, 20]);
    expect(ids(recent.since('other', 0, 10))).toEqual([1]);
    // Never more than twice the capacity is held.
    let reach = 20;
    while (recent.since('r', reach - 1, 100) !== undefined) reach--;
    expect(20 - reach).toBeLessThanOrEqual(8);
    expect(20 - reach).toBeGreaterThanOrEqual(4);
  });

  it('forgets a room nobody wrote to or read from between two sweeps, and only such a room', () => {
    const recent = new RecentMessages(10);
    recent.add(msg(1, 'busy'));
    recent.add(msg(1, 'idle'));
    recent.sweep();
    // Between the sweeps only one room is used.
    recent.since('busy', 0, 10);
    recent.sweep();
    expect(ids(recent.since('busy', 0, 10))).toEqual([1]);
    expect(recent.since('idle', 0, 10)).toBeUndefined();
    expect(recent.rooms).toBe(1);
  });

  it('lets go of what the history trimmed', () => {
    const recent = new RecentMessages(10);
    for (let id = 1; id <= 6; id++) recent.add(msg(id));
    recent.dropBefore('r', 4);
    expect(recent.since('r', 2, 10)).toBeUndefined();
    expect(ids(recent.since('r', 3, 10))).toEqual([4, 5, 6]);
    recent.dropBefore('r', 7);
    expect(recent.rooms).toBe(0);
  });
});

describe('formatStatsBlock', () => {
  const snapshot = (over: Partial<MetricsSnapshot> = {}): MetricsSnapshot => ({
    tcpConnections: 0,
    polls: 0,
    emptyPolls: 0,
    messages: 0,
    deliveries: 0,
    openWs: 0,
    openSse: 0,
    heldLongPolls: 0,
    requests: 0,
    ...over,
  });

  it('reports the window’s deltas, rates and waste, and the current open connections', () => {
    const before = snapshot({ tcpConnections: 10, polls: 100, emptyPolls: 90, messages: 5, deliveries: 20, openWs: 9 });
    const after = snapshot({ tcpConnections: 20, polls: 140, emptyPolls: 120, messages: 15, deliveries: 45, openWs: 3, openSse: 2, heldLongPolls: 4 });
    const block = formatStatsBlock(before, after, 5);
    const lines = block.split('\n');
    expect(lines[0]).toBe('[stats] --- 5s window ---');
    const row = (label: string): string => {
      const line = lines.find((l) => l.startsWith(`[stats]  ${label} `));
      if (line === undefined) throw new Error(`no row ${label} in\n${block}`);
      return line.slice(line.indexOf(' : ') + 3);
    };
    expect(row('Total connections opened')).toBe('10');
    expect(row('Connection rate')).toBe('2.00/s');
    expect(row('Polls (GET requests)')).toBe('40');
    expect(row('Polls that were empty')).toBe('30 (75% wasted)');
    expect(row('Messages posted')).toBe('10');
    expect(row('Message rate')).toBe('2.00 msg/s');
    expect(row('Deliveries')).toBe('25 (5.00/s)');
    expect(row('Open WebSockets')).toBe('3');
    expect(row('Open SSE streams')).toBe('2');
    expect(row('Held long polls')).toBe('4');
    // The values line up in one column.
    expect(new Set(lines.slice(1).map((l) => l.indexOf(' : '))).size).toBe(1);
  });

  it('says 0% wasted rather than NaN when there were no polls, and prints a fractional window', () => {
    const block = formatStatsBlock(snapshot(), snapshot(), 2.5);
    expect(block).toContain('[stats] --- 2.5s window ---');
    expect(block).toMatch(/Polls that were empty\s+: 0 \(0% wasted\)/);
    expect(block).not.toMatch(/NaN|Infinity/);
  });
});

describe('SocketWriter and framesWritten', () => {
  it('writes a tick\'s frames as one chunk, and framesWritten resolves only once they are written', async () => {
    const socket = new PassThrough();
    const chunks: string[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const writer = new SocketWriter(socket);
    writer.write(Buffer.from('a'));
    writer.write(Buffer.from('b'));
    expect(chunks).toEqual([]);
    await framesWritten();
    expect(chunks).toEqual(['ab']);
  });

  it("counts as unread both the tick's frames, held until its end, and what the socket could not pass on", async () => {
    // A peer that takes nothing: the socket keeps every byte.
    const stuck = new Duplex({ read() {}, write() {} });
    const writer = new SocketWriter(stuck);
    writer.write(Buffer.from('abc'));
    writer.write(Buffer.from('de'));
    expect([stuck.writableLength, writer.buffered]).toEqual([0, 5]);
    writer.flush();
    expect([stuck.writableLength, writer.buffered]).toEqual([5, 5]);
    writer.write(Buffer.from('f'));
    expect(writer.buffered).toBe(6);
    writer.flush();
    stuck.destroy();

    // A peer that takes everything: what is held is room again once the tick's write has gone.
    const open = new PassThrough();
    open.resume();
    const paced = new SocketWriter(open);
    paced.write(Buffer.alloc(10));
    const room = paced.drainedTo(5, () => false);
    expect(room).toBeDefined();
    await room;
    expect(paced.buffered).toBe(0);
  });

  it('framesWritten does not wait a turn of the event loop when nothing is pending', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    await framesWritten();
    expect(turned).toBe(false);
  });
});
