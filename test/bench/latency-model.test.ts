import { describe, expect, it } from 'vitest';
import { longPollGapShare, maxWithUniform, modelLatencyMs, pollWaitMs } from '../../src/bench/figures/latency-model.js';
import type { BenchTransport } from '../../src/bench/running/kinds.js';

/** A seeded generator of numbers in [0, 1) (mulberry32), so a simulation gives the same figures every time. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const model = (transport: BenchTransport, rttMs: number, messagesPerSecond = 2.5): number => modelLatencyMs({ transport, rttMs, intervalMs: 100, messagesPerSecond });

describe('the latency model', () => {
  it('gives SSE, WebSocket and the baseline one round trip: sender → server → receiver', () => {
    for (const transport of ['sse', 'ws', 'baseline'] as const) {
      expect(model(transport, 0)).toBe(0);
      expect(model(transport, 25)).toBe(25);
      expect(model(transport, 100, 50)).toBe(100);
    }
  });

  it('gives a short poll on a kept connection one round trip and the wait for the next poll', () => {
    // Waits drawn from 90 to 110 ms: E[T²] / 2E[T] = (100² + 20²/12) / 200.
    expect(model('poll-keepalive', 0)).toBeCloseTo(50.1667, 3);
    expect(model('poll-keepalive', 25)).toBeCloseTo(75.1667, 3);
    // At 100 ms a poll's own round trip outlasts half the waits drawn: gaps of max(U[90, 110], 100).
    expect(model('poll-keepalive', 100)).toBeCloseTo(100 + 10516.667 / 205, 2);
  });

  it('gives a short poll that connects for every request a handshake more on its send, and polls no faster than a handshake and a round trip', () => {
    expect(model('poll', 0)).toBeCloseTo(50.1667, 3);
    // 1.5 RTT for the send, 0.5 for the answer; a 50 ms poll still fits in every interval.
    expect(model('poll', 25)).toBeCloseTo(100.1667, 3);
    // A poll takes 200 ms: the server is asked every 200 ms and a message waits 100 on average.
    expect(model('poll', 100)).toBeCloseTo(300, 6);
  });

  it('gives a long poll one round trip, and half another for the messages that reach the server between an answer and the next poll', () => {
    expect(model('longpoll', 0, 50)).toBe(0);
    expect(model('longpoll', 100, 0)).toBe(100);
    // 100 clients sending every 2 s: nearly every message lands in a gap.
    expect(model('longpoll', 100, 50)).toBeCloseTo(100 + 50 * (5 / (5 + Math.exp(-5))), 6);
    expect(longPollGapShare(100, 50)).toBeGreaterThan(0.99);
    // 5 clients: about a quarter of them.
    expect(longPollGapShare(100, 2.5)).toBeCloseTo(0.25 / (0.25 + Math.exp(-0.25)), 9);
  });

  it('takes the mean and mean square of max(U, floor) right, against a simulation', () => {
    const random = seeded(1);
    for (const floor of [0, 95, 100, 108, 120]) {
      let sum = 0;
      let squares = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) {
        const value = Math.max(90 + 20 * random(), floor);
        sum += value;
        squares += value * value;
      }
      const { mean, meanSquare } = maxWithUniform(90, 110, floor);
      expect(mean, `floor ${floor}`).toBeCloseTo(sum / n, 1);
      expect(Math.abs(meanSquare / (squares / n) - 1), `floor ${floor}`).toBeLessThan(0.001);
    }
  });

  it('waits for the next poll as a poller that counts its interval from the start of each poll would', () => {
    // The server is asked at the end of each gap; a message committed at a random moment waits for the next.
    const random = seeded(2);
    for (const requestMs of [0, 50, 100, 200]) {
      const asked: number[] = [0];
      while (asked[asked.length - 1]! < 2_000_000) asked.push(asked[asked.length - 1]! + Math.max(90 + 20 * random(), requestMs));
      const end = asked[asked.length - 1]!;
      let waited = 0;
      const n = 100_000;
      for (let i = 0; i < n; i++) {
        const at = random() * end;
        let low = 0;
        let high = asked.length - 1;
        while (high - low > 1) {
          const mid = (low + high) >> 1;
          if (asked[mid]! <= at) low = mid;
          else high = mid;
        }
        waited += asked[high]! - at;
      }
      expect(pollWaitMs(100, requestMs), `a request of ${requestMs} ms`).toBeCloseTo(waited / n, 0);
    }
  });

  it('counts the messages that land in a long poller’s gaps as a simulation of it does', () => {
    // Messages arrive at random; a poll held at the server is answered by the first, then the
    // poller is away one round trip, and a poll that finds messages waiting is answered at once.
    const random = seeded(3);
    for (const [rttMs, perSecond] of [
      [25, 2.5],
      [100, 2.5],
      [25, 50],
      [100, 50],
    ] as const) {
      let now = 0;
      // When the poll is next at the server, and whether a message waits there for it.
      let back = 0;
      let waiting = false;
      let extra = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) {
        now += (-Math.log(1 - random()) / perSecond) * 1000;
        if (waiting && back <= now) {
          // The poll came back to find messages, was answered at once and went away again.
          waiting = false;
          back += rttMs;
        }
        if (now >= back) back = now + rttMs;
        else {
          extra += back - now;
          waiting = true;
        }
      }
      const simulated = extra / n;
      expect(model('longpoll', rttMs, perSecond) - rttMs, `${rttMs} ms, ${perSecond}/s`).toBeCloseTo(simulated, 0);
    }
  });
});
