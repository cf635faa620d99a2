import { NET_LIMITS, isShaped, type NetChange, type NetCondition, type Shaping } from './condition.js';

// Network conditions as people write them — `--net "delay=100±20,rate=56kbit"`, the chat's
// `/net delay 100 20` — and as a status bar shows them. Both forms share one reader per value
// and one sentence per refusal, differing only in how a value follows its word.

/** A value read from text, or what a valid one looks like: the shape a command's option parser returns, so `--net` takes parseNetFlag as it is. */
export type NetParsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

/** What the chat's `/net` asks for: a change, or (nothing after it) to be shown the condition. */
export type NetCommand = NetChange | { readonly kind: 'show' };

/** `--net`'s items (`delay=100`) or the chat's words (`delay 100`). */
type Form = 'flag' | 'words';

const accept = <T>(value: T): NetParsed<T> => ({ ok: true, value });
const refuse = (expected: string): NetParsed<never> => ({ ok: false, expected });

/** How `form` joins a word and its value, for the examples of a refusal. */
const joined = (form: Form, word: string, value: string): string => `${word}${form === 'flag' ? '=' : ' '}${value}`;

/** What each value may be, as the end of "… is not …". */
const EXPECTED = {
  delay: (form: Form): string =>
    `a delay of 0 to ${NET_LIMITS.maxDelayMs} ms, with any jitter no larger than it: ${joined(form, 'delay', '100')}, ${form === 'flag' ? 'delay=100±20 or delay=100+-20' : 'delay 100 20 or delay 100±20'}`,
  rate: (form: Form): string =>
    `a rate of ${NET_LIMITS.minRateBits / 1e3}kbit to ${NET_LIMITS.maxRateBits / 1e9}gbit a second, in bit, kbit, mbit, gbit, B, kB, MB or GB (k = 1000): ${['56kbit', '1mbit', '64kB'].map((v) => joined(form, 'rate', v)).join(', ')}; ${joined(form, 'rate', 'off')} lifts the cap`,
  down: (form: Form): string =>
    `a time of ${NET_LIMITS.minDownMs / 1000} to ${NET_LIMITS.maxDownMs / 1000} seconds: ${['10', '10s', '500ms'].map((v) => joined(form, 'down', v)).join(', ')}`,
  any: (form: Form): string =>
    form === 'flag'
      ? 'a network condition: delay=MS[±JITTER], rate=RATE, blackhole or down=SECONDS, several comma-separated (delay=100,rate=56kbit)'
      : 'one of delay MS [JITTER], rate RATE, cut, blackhole [on|off], down SECONDS, heal, or nothing to show the condition',
};

/** `100`, `100ms`, `100±20`, `100+-20`, `100 ± 20 ms`: whole milliseconds, the jitter no larger than the delay. */
function delayChange(text: string, form: Form): NetParsed<NetChange> {
  const match = /^(\d+)\s*(?:ms)?(?:\s*(?:±|\+-|\+\/-)\s*(\d+)\s*(?:ms)?)?$/i.exec(text);
  const ms = Number(match?.[1] ?? NaN);
  const jitterMs = Number(match?.[2] ?? 0);
  return ms <= NET_LIMITS.maxDelayMs && jitterMs <= ms ? accept({ kind: 'delay', ms, jitterMs }) : refuse(EXPECTED.delay(form));
}

const RATE_PREFIX: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6, g: 1e9 };

/** `56kbit`, `1mbit`, `64kB`, `1.5 Mbit/s`, or `off`/`0`. A lone `b` could be either, so bytes take a capital B. */
function rateChange(text: string, form: Form): NetParsed<NetChange> {
  if (/^(off|0)$/i.test(text)) return accept({ kind: 'rate', bitsPerSecond: undefined });
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(bit|B)(?:\/s)?$/i.exec(text);
  const unit = match?.[3];
  const bits = unit === undefined || unit === 'b' ? NaN : Number(match![1]) * RATE_PREFIX[match![2]!.toLowerCase()]! * (unit === 'B' ? 8 : 1);
  return bits >= NET_LIMITS.minRateBits && bits <= NET_LIMITS.maxRateBits ? accept({ kind: 'rate', bitsPerSecond: bits }) : refuse(EXPECTED.rate(form));
}

/** `10` or `10s` (seconds), `500ms`. */
function downChange(text: string, form: Form): NetParsed<NetChange> {
  const match = /^(\d+(?:\.\d+)?)\s*(s|ms)?$/i.exec(text);
  const ms = match === null ? NaN : Math.round(Number(match[1]) * (match[2]?.toLowerCase() === 'ms' ? 1 : 1000));
  return ms >= NET_LIMITS.minDownMs && ms <= NET_LIMITS.maxDownMs ? accept({ kind: 'down', ms }) : refuse(EXPECTED.down(form));
}

/**
 * `--net`'s value: the changes to make from clean, in order — `delay=100`, `delay=100±20` (or
 * `100+-20`), `rate=56kbit`, `blackhole`, `down=10s`, several comma-separated. A refusal names
 * what the first bad item may be.
 */
export function parseNetFlag(raw: string): NetParsed<readonly NetChange[]> {
  const changes: NetChange[] = [];
  for (const item of raw.split(',')) {
    const match = /^\s*([a-z]+)\s*(?:=(.*))?$/i.exec(item);
    const [word, value] = [match?.[1]?.toLowerCase(), match?.[2]?.trim()];
    let parsed: NetParsed<NetChange>;
    if (word === 'blackhole' && value === undefined) parsed = accept({ kind: 'blackhole', on: true });
    else if (value === undefined) parsed = refuse(EXPECTED.any('flag'));
    else if (word === 'delay') parsed = delayChange(value, 'flag');
    else if (word === 'rate') parsed = rateChange(value, 'flag');
    else if (word === 'down') parsed = downChange(value, 'flag');
    else parsed = refuse(EXPECTED.any('flag'));
    if (!parsed.ok) return parsed;
    changes.push(parsed.value);
  }
  return accept(changes);
}

/**
 * What follows the chat's `/net`: `delay 100 [jitter]` (or `delay 100±20`), `rate 56kbit`,
 * `cut`, `blackhole [on|off]`, `down 10`, `heal`, or nothing, to show the condition. A refusal
 * names what the word takes, or the words there are.
 */
export function parseNetWords(text: string): NetParsed<NetCommand> {
  const [verb = '', ...rest] = text.trim().split(/\s+/).filter((word) => word !== '');
  const value = rest.join(' ');
  switch (verb.toLowerCase()) {
    case '':
      return accept({ kind: 'show' });
    case 'delay':
      // `delay 100 20`: the second number is the jitter.
      return delayChange(/^\d+ \d+$/.test(value) ? value.replace(' ', '±') : value, 'words');
    case 'rate':
      return rateChange(value, 'words');
    case 'down':
      return downChange(value, 'words');
    case 'blackhole':
      if (value === '' || /^on$/i.test(value)) return accept({ kind: 'blackhole', on: true });
      return /^off$/i.test(value) ? accept({ kind: 'blackhole', on: false }) : refuse(EXPECTED.any('words'));
    case 'cut':
    case 'heal':
      return value === '' ? accept({ kind: verb.toLowerCase() as 'cut' | 'heal' }) : refuse(EXPECTED.any('words'));
    default:
      return refuse(EXPECTED.any('words'));
  }
}

/** A rate as people read it: `56 kbit/s`, `1 Mbit/s`, `512 kbit/s`. */
export function formatRate(bitsPerSecond: number): string {
  const [unit, name] = ([[1e9, 'Gbit/s'], [1e6, 'Mbit/s'], [1e3, 'kbit/s']] as const).find(([size]) => bitsPerSecond >= size) ?? [1, 'bit/s'];
  return `${Number((bitsPerSecond / unit).toPrecision(3))} ${name}`;
}

function describeShaping(shaping: Shaping): string[] {
  const parts: string[] = [];
  if (shaping.delayMs > 0) parts.push(`delay ${shaping.delayMs} ms${shaping.jitterMs > 0 ? ` ±${shaping.jitterMs}` : ''}`);
  if (shaping.rateBitsPerSecond !== undefined) parts.push(`rate ${formatRate(shaping.rateBitsPerSecond)}`);
  return parts;
}

/**
 * The condition in a few words, for a status bar or a line of output: `net delay 100 ms ±20 ·
 * rate 56 kbit/s`, `net blackhole`, `net down 7 s` (whole seconds left at `now`, on the relay's
 * clock), `net clean`. A status bar that shows nothing while clean asks isClean() first.
 */
export function describeCondition(condition: NetCondition, now: number): string {
  switch (condition.mode) {
    case 'blackhole':
      return 'net blackhole';
    case 'down':
      return `net down ${Math.max(0, Math.ceil((condition.until - now) / 1000))} s`;
    case 'flowing':
      return isShaped(condition.shaping) ? `net ${describeShaping(condition.shaping).join(' · ')}` : 'net clean';
  }
}

/**
 * A change as a line of output: the condition after it and, when it reset connections (a cut,
 * `down`, the end of a blackhole that dropped bytes), how many: `net clean · 2 connections reset`.
 * A cut says its count even when it found nothing to reset.
 */
export function describeChange(next: NetCondition, now: number, reset: number, cut = false): string {
  const what = reset > 0 || cut ? ` · ${reset} ${reset === 1 ? 'connection' : 'connections'} reset` : '';
  return `${describeCondition(next, now)}${what}`;
}
