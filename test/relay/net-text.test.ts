import { describe, expect, it } from 'vitest';
import { CLEAN, nextCondition, type NetChange, type NetCondition } from '../../src/relay/condition.js';
import { describeCondition, formatRate, parseNetFlag, parseNetWords } from '../../src/relay/net-text.js';

const FLAG_DELAY = 'a delay of 0 to 60000 ms, with any jitter no larger than it: delay=100, delay=100±20 or delay=100+-20';
const FLAG_RATE = 'a rate of 1kbit to 10gbit a second, in bit, kbit, mbit, gbit, B, kB, MB or GB (k = 1000): rate=56kbit, rate=1mbit, rate=64kB; rate=off lifts the cap';
const FLAG_DOWN = 'a time of 0.1 to 3600 seconds: down=10, down=10s, down=500ms';
const FLAG_ANY = 'a network condition: delay=MS[±JITTER], rate=RATE, blackhole or down=SECONDS, several comma-separated (delay=100,rate=56kbit)';
const WORDS_DELAY = 'a delay of 0 to 60000 ms, with any jitter no larger than it: delay 100, delay 100 20 or delay 100±20';
const WORDS_RATE = 'a rate of 1kbit to 10gbit a second, in bit, kbit, mbit, gbit, B, kB, MB or GB (k = 1000): rate 56kbit, rate 1mbit, rate 64kB; rate off lifts the cap';
const WORDS_DOWN = 'a time of 0.1 to 3600 seconds: down 10, down 10s, down 500ms';
const WORDS_ANY = 'one of delay MS [JITTER], rate RATE, cut, blackhole [on|off], down SECONDS, heal, or nothing to show the condition';

describe('--net', () => {
  it.each<[string, NetChange[]]>([
    ['delay=100', [{ kind: 'delay', ms: 100, jitterMs: 0 }]],
    ['delay=0', [{ kind: 'delay', ms: 0, jitterMs: 0 }]],
    ['delay=100ms', [{ kind: 'delay', ms: 100, jitterMs: 0 }]],
    ['delay=100±20', [{ kind: 'delay', ms: 100, jitterMs: 20 }]],
    ['delay=100+-20', [{ kind: 'delay', ms: 100, jitterMs: 20 }]],
    ['delay=100+/-20ms', [{ kind: 'delay', ms: 100, jitterMs: 20 }]],
    ['delay = 100 ± 20', [{ kind: 'delay', ms: 100, jitterMs: 20 }]],
    ['delay=60000±60000', [{ kind: 'delay', ms: 60_000, jitterMs: 60_000 }]],
    ['rate=56kbit', [{ kind: 'rate', bitsPerSecond: 56_000 }]],
    ['rate=1mbit', [{ kind: 'rate', bitsPerSecond: 1_000_000 }]],
    ['rate=1.5Mbit/s', [{ kind: 'rate', bitsPerSecond: 1_500_000 }]],
    ['rate=64kB', [{ kind: 'rate', bitsPerSecond: 512_000 }]],
    ['rate=64KB', [{ kind: 'rate', bitsPerSecond: 512_000 }]],
    ['rate=2MB', [{ kind: 'rate', bitsPerSecond: 16_000_000 }]],
    ['rate=1000bit', [{ kind: 'rate', bitsPerSecond: 1000 }]],
    ['rate=10gbit', [{ kind: 'rate', bitsPerSecond: 10_000_000_000 }]],
    ['rate=off', [{ kind: 'rate', bitsPerSecond: undefined }]],
    ['blackhole', [{ kind: 'blackhole', on: true }]],
    ['BLACKHOLE', [{ kind: 'blackhole', on: true }]],
    ['down=10s', [{ kind: 'down', ms: 10_000 }]],
    ['down=10', [{ kind: 'down', ms: 10_000 }]],
    ['down=1.5s', [{ kind: 'down', ms: 1500 }]],
    ['down=500ms', [{ kind: 'down', ms: 500 }]],
    [
      'delay=100, rate=56kbit',
      [
        { kind: 'delay', ms: 100, jitterMs: 0 },
        { kind: 'rate', bitsPerSecond: 56_000 },
      ],
    ],
  ])('reads %j', (raw, changes) => {
    expect(parseNetFlag(raw)).toEqual({ ok: true, value: changes });
  });

  it.each([
    ['delay=-5', FLAG_DELAY],
    ['delay=100.5', FLAG_DELAY],
    ['delay=60001', FLAG_DELAY],
    ['delay=10±20', FLAG_DELAY],
    ['delay=fast', FLAG_DELAY],
    ['rate=fast', FLAG_RATE],
    ['rate=56kb', FLAG_RATE],
    ['rate=999bit', FLAG_RATE],
    ['rate=11gbit', FLAG_RATE],
    ['rate=56kbps', FLAG_RATE],
    ['down=0', FLAG_DOWN],
    ['down=50ms', FLAG_DOWN],
    ['down=2h', FLAG_DOWN],
    ['down=3601', FLAG_DOWN],
    ['', FLAG_ANY],
    ['delay', FLAG_ANY],
    ['cut', FLAG_ANY],
    ['blackhole=on', FLAG_ANY],
    ['loss=5%', FLAG_ANY],
    ['delay=100,', FLAG_ANY],
    ['delay=100,rate=fast', FLAG_RATE],
  ])('refuses %j, naming what is allowed', (raw, expected) => {
    expect(parseNetFlag(raw)).toEqual({ ok: false, expected });
  });
});

describe("the chat's /net words", () => {
  it.each<[string, ReturnType<typeof parseNetWords>]>([
    ['', { ok: true, value: { kind: 'show' } }],
    ['   ', { ok: true, value: { kind: 'show' } }],
    ['delay 100', { ok: true, value: { kind: 'delay', ms: 100, jitterMs: 0 } }],
    ['delay 100 20', { ok: true, value: { kind: 'delay', ms: 100, jitterMs: 20 } }],
    ['delay 100±20', { ok: true, value: { kind: 'delay', ms: 100, jitterMs: 20 } }],
    ['delay 100 +- 20', { ok: true, value: { kind: 'delay', ms: 100, jitterMs: 20 } }],
    ['Delay 0', { ok: true, value: { kind: 'delay', ms: 0, jitterMs: 0 } }],
    ['rate 56kbit', { ok: true, value: { kind: 'rate', bitsPerSecond: 56_000 } }],
    ['rate 56 kbit', { ok: true, value: { kind: 'rate', bitsPerSecond: 56_000 } }],
    ['rate off', { ok: true, value: { kind: 'rate', bitsPerSecond: undefined } }],
    ['cut', { ok: true, value: { kind: 'cut' } }],
    ['blackhole', { ok: true, value: { kind: 'blackhole', on: true } }],
    ['blackhole on', { ok: true, value: { kind: 'blackhole', on: true } }],
    ['blackhole off', { ok: true, value: { kind: 'blackhole', on: false } }],
    ['down 10', { ok: true, value: { kind: 'down', ms: 10_000 } }],
    ['down 2.5s', { ok: true, value: { kind: 'down', ms: 2500 } }],
    ['heal', { ok: true, value: { kind: 'heal' } }],
    ['  HEAL ', { ok: true, value: { kind: 'heal' } }],
  ])('reads %j', (text, parsed) => {
    expect(parseNetWords(text)).toEqual(parsed);
  });

  it.each([
    ['delay -5', WORDS_DELAY],
    ['delay', WORDS_DELAY],
    ['delay 100 200', WORDS_DELAY],
    ['delay 100 20 5', WORDS_DELAY],
    ['rate fast', WORDS_RATE],
    ['rate', WORDS_RATE],
    ['down', WORDS_DOWN],
    ['down ten', WORDS_DOWN],
    ['blackhole maybe', WORDS_ANY],
    ['cut now', WORDS_ANY],
    ['heal all', WORDS_ANY],
    ['loss 5%', WORDS_ANY],
  ])('refuses %j, naming what is allowed', (text, expected) => {
    expect(parseNetWords(text)).toEqual({ ok: false, expected });
  });
});

describe('describing a condition', () => {
  const NOW = 1_000_000;
  const after = (...changes: NetChange[]): NetCondition => changes.reduce((condition, change) => nextCondition(condition, change, NOW), CLEAN);

  it.each<[string, NetCondition, string]>([
    ['clean', CLEAN, 'net clean'],
    ['a delay', after({ kind: 'delay', ms: 100, jitterMs: 0 }), 'net delay 100 ms'],
    ['a delay with jitter and a rate', after({ kind: 'delay', ms: 100, jitterMs: 20 }, { kind: 'rate', bitsPerSecond: 56_000 }), 'net delay 100 ms ±20 · rate 56 kbit/s'],
    ['a rate alone', after({ kind: 'rate', bitsPerSecond: 512_000 }), 'net rate 512 kbit/s'],
    ['a delay set back to 0', after({ kind: 'delay', ms: 100, jitterMs: 0 }, { kind: 'delay', ms: 0, jitterMs: 0 }), 'net clean'],
    ['a blackhole over a delay', after({ kind: 'delay', ms: 100, jitterMs: 0 }, { kind: 'blackhole', on: true }), 'net blackhole'],
    ['down', after({ kind: 'down', ms: 10_000 }), 'net down 10 s'],
  ])('%s', (_, condition, text) => {
    expect(describeCondition(condition, NOW)).toBe(text);
  });

  it('counts down the whole seconds left while down, never below 0', () => {
    const down = after({ kind: 'down', ms: 10_000 });
    expect(describeCondition(down, NOW + 2_500)).toBe('net down 8 s');
    expect(describeCondition(down, NOW + 9_999)).toBe('net down 1 s');
    expect(describeCondition(down, NOW + 11_000)).toBe('net down 0 s');
  });

  it.each([
    [1000, '1 kbit/s'],
    [56_000, '56 kbit/s'],
    [1_000_000, '1 Mbit/s'],
    [1_500_000, '1.5 Mbit/s'],
    [1_234_567, '1.23 Mbit/s'],
    [10_000_000_000, '10 Gbit/s'],
    [800, '800 bit/s'],
  ])('writes %d bit/s as %j', (bits, text) => {
    expect(formatRate(bits)).toBe(text);
  });
});
