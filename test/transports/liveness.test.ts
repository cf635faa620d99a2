import { describe, expect, it } from 'vitest';
import { ASSUMED_HEARTBEAT_MS, believedHeartbeat, deadAfter, quietAfter, silence, slowestAnswer } from '../../src/transports/liveness.js';
import { resolveOptions } from '../../src/transports/options.js';
import { Watchdog } from '../../src/transports/watchdog.js';
import { FakeClock } from '../helpers/fake-clock.js';

describe('silence bounds', () => {
  it('call a link dead after its cadence and a grace of another, never less than a second', () => {
    expect(silence(5000)).toEqual({ cadenceMs: 5000, graceMs: 5000 });
    expect(deadAfter(silence(5000))).toBe(10_000);
    // Within two heartbeats and a second, whatever the heartbeat.
    for (const heartbeat of [50, 500, 1000, 2000, 30_000]) expect(deadAfter(silence(heartbeat))).toBeLessThanOrEqual(2 * heartbeat + 1000);
    expect(deadAfter(silence(500))).toBe(1500);
  });

  it('show it quiet halfway through the grace', () => {
    expect(quietAfter(silence(5000))).toBe(7500);
    expect(quietAfter(silence(100))).toBe(600);
  });

  it('give a slow link\'s requests a grace of twice its slowest answer, which fades poll by poll', () => {
    expect(silence(1000, 3000).graceMs).toBe(6000);
    expect(silence(1000, 200).graceMs).toBe(1000);
    let slowest = slowestAnswer(0, 3000);
    expect(slowest).toBe(3000);
    for (let i = 0; i < 10; i++) slowest = slowestAnswer(slowest, 5);
    expect(slowest).toBeLessThan(200);
    expect(slowestAnswer(100, 400)).toBe(400);
  });
});

describe('the heartbeat a client times against', () => {
  it('is the one the server announced, within reason, else the one assumed of servers that say none', () => {
    expect(believedHeartbeat(2000, ASSUMED_HEARTBEAT_MS)).toBe(2000);
    expect(believedHeartbeat(undefined, ASSUMED_HEARTBEAT_MS)).toBe(15_000);
    expect(believedHeartbeat(1, ASSUMED_HEARTBEAT_MS)).toBe(50);
    expect(believedHeartbeat(1e12, ASSUMED_HEARTBEAT_MS)).toBe(3_600_000);
    expect(believedHeartbeat(Number.NaN, 7000)).toBe(7000);
  });

  it('is assumed 15 s unless told, and pings follow the announced one unless told', () => {
    const timing = resolveOptions({ server: 'http://127.0.0.1:4000', room: 'lobby', user: 'alice', transport: 'ws' }).timing;
    expect(timing).toMatchObject({ heartbeatMs: ASSUMED_HEARTBEAT_MS, pingIntervalMs: undefined });
    expect(() => resolveOptions({ server: 'http://127.0.0.1:4000', room: 'lobby', user: 'alice', transport: 'ws', pingIntervalMs: -1 })).toThrow(/pingIntervalMs/);
  });
});

/** A watchdog on a fake clock, watching from now, with the silences it called dead. */
function watching(cadenceMs: number): { clock: FakeClock; watchdog: Watchdog; deaths: number[] } {
  const clock = new FakeClock();
  const watchdog = new Watchdog(clock, cadenceMs);
  const deaths: number[] = [];
  watchdog.watch((silent) => deaths.push(silent));
  return { clock, watchdog, deaths };
}

describe('Watchdog', () => {
  it('says nothing while the server is heard as expected, quiet once overdue, and dead once, at the bound', () => {
    const { clock, watchdog, deaths } = watching(2000);
    clock.advance(1900);
    watchdog.heard();
    clock.advance(3000);
    expect(watchdog.quietFor()).toBeUndefined();
    clock.advance(1);
    expect(watchdog.quietFor()).toBe(3001);
    clock.advance(998);
    expect(deaths).toEqual([]);
    clock.advance(1);
    expect(deaths).toEqual([4000]);
    clock.advance(10_000);
    expect(deaths).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('moves its timer forward when told of a shorter heartbeat, as a welcome does', () => {
    const { clock, watchdog, deaths } = watching(30_000);
    clock.advance(100);
    watchdog.heard();
    watchdog.expect(500);
    clock.advance(1499);
    expect(deaths).toEqual([]);
    clock.advance(1);
    expect(deaths).toEqual([1500]);
  });

  it('keeps one timer however many frames come', () => {
    const { clock, watchdog } = watching(1000);
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      watchdog.heard();
    }
    expect(clock.pending).toBe(1);
    watchdog.stop();
    expect(clock.pending).toBe(0);
  });
});
