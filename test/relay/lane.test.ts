import { describe, expect, it } from 'vitest';
import { CLEAN, nextCondition, type NetChange, type NetCondition } from '../../src/relay/condition.js';
import { HIGH_WATER_BYTES, Lane, type LaneTally } from '../../src/relay/lane.js';
import { FakeClock } from '../helpers/fake-clock.js';

/** What reached the far side, and when on the fake clock. */
interface Arrival {
  readonly at: number;
  readonly text: string;
}

/**
 * A lane between a fake source and a fake sink, on a fake clock, under a condition the test
 * changes; with `handshake`, the lane of a new connection toward its server on a relay that
 * stands in for TCP's handshake.
 */
function lane(randoms: readonly number[] = [], handshake = false) {
  const clock = new FakeClock(0);
  let condition: NetCondition = CLEAN;
  const arrivals: Arrival[] = [];
  const source = { paused: false, pause: () => (source.paused = true), resume: () => (source.paused = false) };
  let drain: (() => void) | undefined;
  const sink = {
    full: false,
    ended: undefined as number | undefined,
    write: (chunk: Buffer): boolean => {
      arrivals.push({ at: clock.now(), text: chunk.toString() });
      return !sink.full;
    },
    end: () => (sink.ended = clock.now()),
    once: (_: 'drain', listener: () => void) => (drain = listener),
  };
  const tally: LaneTally = { forwarded: 0, dropped: 0 };
  let draws = 0;
  const random = (): number => randoms[draws++ % Math.max(1, randoms.length)] ?? 0.5;
  const under = new Lane(source, sink, { clock, random, condition: () => condition, tally, handshake });
  return {
    lane: under,
    clock,
    arrivals,
    source,
    sink,
    tally,
    /** Changes the condition as the relay would: the lane is told to time what it holds again. */
    apply(change: NetChange): void {
      condition = nextCondition(condition, change, clock.now());
      under.reschedule();
    },
    drain(): void {
      sink.full = false;
      drain?.();
    },
    bytesBy: (t: number): number => arrivals.filter((a) => a.at <= t).reduce((sum, a) => sum + a.text.length, 0),
  };
}

describe('a lane of the relay', () => {
  it('passes chunks on at once while clean', () => {
    const t = lane();
    t.lane.push(Buffer.from('a'));
    t.lane.push(Buffer.from('b'));
    t.lane.end();
    expect(t.arrivals).toEqual([
      { at: 0, text: 'a' },
      { at: 0, text: 'b' },
    ]);
    expect(t.sink.ended).toBe(0);
    expect(t.clock.pending).toBe(0);
    expect(t.tally).toEqual({ forwarded: 2, dropped: 0 });
  });

  it('holds every chunk the delay, and the end behind the last byte', () => {
    const t = lane();
    t.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    t.lane.push(Buffer.from('a'));
    t.clock.advance(30);
    t.lane.push(Buffer.from('b'));
    t.lane.end();
    t.clock.advance(69);
    expect(t.arrivals).toEqual([]);
    t.clock.advance(1);
    expect(t.arrivals).toEqual([{ at: 100, text: 'a' }]);
    t.clock.advance(30);
    expect(t.arrivals.at(-1)).toEqual({ at: 130, text: 'b' });
    expect(t.sink.ended).toBe(130);
    expect(t.clock.pending).toBe(0);
  });

  it('for a handshake, holds a connection’s first chunk one more round trip, and only that one', () => {
    const t = lane([], true);
    t.apply({ kind: 'delay', ms: 50, jitterMs: 0 });
    t.lane.push(Buffer.from('first'));
    t.clock.advance(10);
    // Sent before the first could have arrived: it waits behind it, as bytes do on a real link.
    t.lane.push(Buffer.from('second'));
    t.clock.advance(139);
    expect(t.arrivals).toEqual([]);
    t.clock.advance(1);
    expect(t.arrivals).toEqual([
      { at: 150, text: 'first' },
      { at: 150, text: 'second' },
    ]);
    t.lane.push(Buffer.from('later'));
    t.clock.advance(50);
    expect(t.arrivals.at(-1)).toEqual({ at: 200, text: 'later' });
    // Without the handshake the first chunk is held the delay alone; while clean, not at all.
    const plain = lane();
    plain.apply({ kind: 'delay', ms: 50, jitterMs: 0 });
    plain.lane.push(Buffer.from('first'));
    plain.clock.advance(50);
    expect(plain.arrivals).toEqual([{ at: 50, text: 'first' }]);
    const clean = lane([], true);
    clean.lane.push(Buffer.from('first'));
    expect(clean.arrivals).toEqual([{ at: 0, text: 'first' }]);
  });

  it('keeps a handshake’s extra hold when the delay changes while the first chunk is held', () => {
    const t = lane([], true);
    t.apply({ kind: 'delay', ms: 50, jitterMs: 0 });
    t.lane.push(Buffer.from('first'));
    t.clock.advance(20);
    // Timed again under the new delay from its arrival, the handshake's 100 ms still on top.
    t.apply({ kind: 'delay', ms: 10, jitterMs: 0 });
    t.clock.advance(89);
    expect(t.arrivals).toEqual([]);
    t.clock.advance(1);
    expect(t.arrivals).toEqual([{ at: 110, text: 'first' }]);
  });

  it('keeps the order when the jitter draws a shorter hold for a later chunk', () => {
    // Holds drawn: 100 + (2r - 1) × 50 → 150, 50, 100, 60.
    const t = lane([1, 0, 0.5, 0.1]);
    t.apply({ kind: 'delay', ms: 100, jitterMs: 50 });
    for (const text of ['1', '2', '3', '4']) {
      t.lane.push(Buffer.from(text));
      t.clock.advance(10);
    }
    t.clock.advance(200);
    expect(t.arrivals.map((a) => a.text)).toEqual(['1', '2', '3', '4']);
    // Due at 150, 60, 120 and 90: each waits for the first.
    expect(t.arrivals.map((a) => a.at)).toEqual([150, 150, 150, 150]);
    const late = lane([1, 0]);
    late.apply({ kind: 'delay', ms: 100, jitterMs: 50 });
    late.lane.push(Buffer.from('x'));
    late.clock.advance(160);
    late.lane.push(Buffer.from('y'));
    late.clock.advance(100);
    expect(late.arrivals).toEqual([
      { at: 150, text: 'x' },
      { at: 210, text: 'y' },
    ]);
  });

  it('draws each hold from the whole jitter range, no more and no less', () => {
    const t = lane([0, 0.25, 0.75, 0.999]);
    t.apply({ kind: 'delay', ms: 100, jitterMs: 40 });
    for (let i = 0; i < 4; i++) {
      t.lane.push(Buffer.from(String(i)));
      t.clock.advance(200);
    }
    // Pushed at 0, 200, 400, 600; held 60, 80, 120 and just under 140 ms.
    expect(t.arrivals.map((a) => a.at)).toEqual([60, 280, 520, 740]);
  });

  it('paces bytes to the rate, in slices, never ahead of it', () => {
    const t = lane();
    t.apply({ kind: 'rate', bitsPerSecond: 56_000 });
    // 7000 bytes a second: 140 every 20 ms; 1400 bytes take 200 ms.
    t.lane.push(Buffer.alloc(1400, 'x'));
    for (let at = 0; at <= 240; at += 10) {
      expect(t.bytesBy(at), `by ${at} ms`).toBeLessThanOrEqual(7 * at);
      expect(t.bytesBy(at), `by ${at} ms`).toBeGreaterThanOrEqual(Math.min(1400, 7 * at - 140));
      t.clock.advance(10);
    }
    expect(t.arrivals.at(-1)!.at).toBe(200);
    expect(new Set(t.arrivals.map((a) => a.text.length))).toEqual(new Set([140]));
  });

  it('combines a rate and a delay: carried at the rate, then held the delay', () => {
    const t = lane();
    t.apply({ kind: 'rate', bitsPerSecond: 56_000 });
    t.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    t.lane.push(Buffer.alloc(280, 'x'));
    t.clock.advance(400);
    expect(t.arrivals.map((a) => a.at)).toEqual([120, 140]);
  });

  it('times what it holds again when the condition changes: healed, it leaves at once', () => {
    const t = lane();
    t.apply({ kind: 'delay', ms: 300, jitterMs: 0 });
    t.lane.push(Buffer.from('a'));
    t.clock.advance(50);
    t.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    t.clock.advance(49);
    expect(t.arrivals).toEqual([]);
    t.clock.advance(1);
    expect(t.arrivals).toEqual([{ at: 100, text: 'a' }]);
    t.lane.push(Buffer.from('b'));
    t.clock.advance(10);
    t.apply({ kind: 'heal' });
    expect(t.arrivals.at(-1)).toEqual({ at: 110, text: 'b' });
  });

  it('drops what a blackhole finds held and what arrives during it, and is torn from then on', () => {
    const t = lane();
    t.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    t.lane.push(Buffer.from('held'));
    expect(t.lane.torn).toBe(false);
    t.apply({ kind: 'blackhole', on: true });
    t.lane.push(Buffer.from('during'));
    t.lane.end();
    t.clock.advance(500);
    expect(t.arrivals).toEqual([]);
    expect(t.sink.ended).toBeUndefined();
    expect(t.tally).toEqual({ forwarded: 0, dropped: 10 });
    expect(t.lane.torn).toBe(true);
    t.apply({ kind: 'blackhole', on: false });
    t.lane.push(Buffer.from('after'));
    t.clock.advance(100);
    expect(t.arrivals).toEqual([{ at: 600, text: 'after' }]);
  });

  it('pauses its source above the high-water mark and resumes it once half is out', () => {
    const t = lane();
    t.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i * chunk.length <= HIGH_WATER_BYTES; i++) {
      expect(t.source.paused).toBe(false);
      t.lane.push(chunk);
      t.clock.advance(10);
    }
    expect(t.source.paused).toBe(true);
    expect(t.lane.heldBytes).toBeGreaterThan(HIGH_WATER_BYTES);
    t.clock.advance(100);
    expect(t.source.paused).toBe(false);
    expect(t.lane.heldBytes).toBe(0);
  });

  it('waits for the sink to drain before writing more', () => {
    const t = lane();
    t.sink.full = true;
    t.lane.push(Buffer.from('a'));
    t.lane.push(Buffer.from('b'));
    t.lane.end();
    expect(t.arrivals.map((a) => a.text)).toEqual(['a']);
    expect(t.sink.ended).toBeUndefined();
    t.clock.advance(10);
    t.drain();
    expect(t.arrivals.map((a) => a.text)).toEqual(['a', 'b']);
    expect(t.sink.ended).toBe(10);
  });

  it('writes nothing and keeps no timer once closed', () => {
    const t = lane();
    t.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    t.lane.push(Buffer.from('a'));
    expect(t.clock.pending).toBe(1);
    t.lane.close();
    expect(t.clock.pending).toBe(0);
    t.lane.push(Buffer.from('b'));
    t.clock.advance(200);
    expect(t.arrivals).toEqual([]);
  });
});
