import { describe, expect, it } from 'vitest';
import { linesFor, SMALL_TALK } from '../../src/bots/lines.js';
import { planBots } from '../../src/bots/names.js';
import { firstDelay, nextDelay, typingLead } from '../../src/bots/schedule.js';
import { createScript } from '../../src/bots/script.js';
import { checkUser } from '../../src/protocol/index.js';

/** A repeatable random source (mulberry32), so shuffles and delays are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('planBots', () => {
  it('names bots after their transport, numbered within it', () => {
    expect(planBots(3, ['ws'])).toEqual([
      { name: 'bot-ws-1', transport: 'ws' },
      { name: 'bot-ws-2', transport: 'ws' },
      { name: 'bot-ws-3', transport: 'ws' },
    ]);
    expect(planBots(5, ['ws', 'sse', 'poll'], 'load').map((plan) => plan.name)).toEqual(['load-ws-1', 'load-sse-1', 'load-poll-1', 'load-ws-2', 'load-sse-2']);
  });

  it('makes names the server accepts', () => {
    for (const plan of planBots(8, ['ws', 'sse', 'longpoll', 'poll', 'auto'])) expect(checkUser(plan.name).ok, plan.name).toBe(true);
  });

  it('needs a transport', () => {
    expect(() => planBots(1, [])).toThrow(RangeError);
  });
});

describe('lines', () => {
  it('gives every transport its own lines besides the small talk', () => {
    for (const kind of ['ws', 'sse', 'longpoll', 'poll', 'auto'] as const) {
      const lines = linesFor(kind);
      expect(lines.length).toBeGreaterThan(SMALL_TALK.length);
      for (const line of lines) expect(line.length > 0 && line.length < 200, line).toBe(true);
    }
    expect(linesFor('poll').some((line) => /poll/i.test(line) && !SMALL_TALK.includes(line))).toBe(true);
  });
});

describe('createScript', () => {
  it('says every line once before repeating any', () => {
    const lines = ['a', 'b', 'c', 'd', 'e'];
    const script = createScript(lines, seeded(1));
    const first = Array.from({ length: 5 }, () => script.next());
    const second = Array.from({ length: 5 }, () => script.next());
    expect([...first].sort()).toEqual(lines);
    expect([...second].sort()).toEqual(lines);
  });

  it('never says the same line twice in a row, even across decks', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const script = createScript(['a', 'b', 'c'], seeded(seed));
      let last = '';
      for (let i = 0; i < 30; i++) {
        const line = script.next();
        expect(line, `seed ${seed}, line ${i}`).not.toBe(last);
        last = line;
      }
    }
  });

  it('is repeatable with the same random source, and copes with one line', () => {
    const say = (seed: number) => {
      const script = createScript(SMALL_TALK, seeded(seed));
      return Array.from({ length: 10 }, () => script.next());
    };
    expect(say(7)).toEqual(say(7));
    const single = createScript(['only'], seeded(1));
    expect([single.next(), single.next()]).toEqual(['only', 'only']);
    expect(() => createScript([], Math.random)).toThrow(RangeError);
  });
});

describe('schedule', () => {
  it('starts somewhere within the first period', () => {
    expect(firstDelay(1000, () => 0)).toBe(0);
    expect(firstDelay(1000, () => 0.5)).toBe(500);
    expect(firstDelay(1000, () => 0.999)).toBe(999);
  });

  it('waits between half and one and a half periods, averaging one', () => {
    expect(nextDelay(1000, () => 0)).toBe(500);
    expect(nextDelay(1000, () => 1)).toBe(1500);
    // A random source that strays is held to the range.
    expect(nextDelay(1000, () => 7)).toBe(1500);
    expect(nextDelay(1000, () => -1)).toBe(500);
    const random = seeded(3);
    const delays = Array.from({ length: 2000 }, () => nextDelay(1000, random));
    const mean = delays.reduce((sum, d) => sum + d, 0) / delays.length;
    expect(mean).toBeGreaterThan(970);
    expect(mean).toBeLessThan(1030);
  });

  it('says typing at most half the wait ahead', () => {
    expect(typingLead(6000, 1200)).toBe(1200);
    expect(typingLead(1000, 1200)).toBe(500);
    expect(typingLead(1000, 0)).toBe(0);
  });
});
