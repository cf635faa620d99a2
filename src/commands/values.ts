import { readFileSync } from 'node:fs';
import { checkRoom, checkUser, DEFAULT_HOST, DEFAULT_PORT, TRANSPORT_KINDS, type TransportKind } from '../protocol/index.js';
import { TRANSPORT_CHOICES, type TransportChoice } from '../transports/types.js';
import { BENCH_TRANSPORTS, type BenchTransport } from '../bench/running/kinds.js';
import type { NetChange } from '../relay/condition.js';
import { parseNetFlag } from '../relay/net-text.js';
import type { RateLimit } from '../server/base/options.js';
import { RACE_LANES, type RaceLane } from '../ui/race/lanes.js';
import { accept, refuse, UsageError, type Parsed, type Parser } from './flags.js';
import { MAX_OPEN_ROOMS } from '../ui/session-options.js';

// The values options take: each parser says what a good value looks like when given a bad one.

export const DEFAULT_SERVER = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

/** Decimal only: Number() would also take "0x10", "1e3" and "Infinity". */
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

const range = (min: number, max: number, unit: string | undefined): string => `${unit === undefined ? 'a number' : `a number of ${unit}`} from ${min} to ${max}`;

/** A number within [min, max], decimals allowed; `unit` names what it counts ("seconds"). */
export function decimal(min: number, max: number, unit?: string): Parser<number> {
  return (raw) => {
    const n = Number(raw);
    return DECIMAL.test(raw) && n >= min && n <= max ? accept(n) : refuse(range(min, max, unit));
  };
}

/** A whole number within [min, max]. */
export function integer(min: number, max: number, unit?: string): Parser<number> {
  return (raw) => {
    const n = Number(raw);
    if (DECIMAL.test(raw) && Number.isInteger(n) && n >= min && n <= max) return accept(n);
    return refuse(DECIMAL.test(raw) && !Number.isInteger(n) ? `a whole ${range(min, max, unit).slice(2)}` : range(min, max, unit));
  };
}

/** One of `values`, case and surrounding spaces aside. */
export function choice<T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const found = values.find((value) => value === raw.trim().toLowerCase());
    return found === undefined ? refuse(`one of ${values.join(', ')}`) : accept(found);
  };
}

/** Comma-separated items of `item`, at least one; empty entries are typos, not items. */
export function listOf<T>(item: Parser<T>, expected: string): Parser<T[]> {
  return (raw) => {
    const items: T[] = [];
    for (const part of raw.split(',')) {
      const parsed = item(part.trim());
      if (!parsed.ok) return refuse(expected);
      items.push(parsed.value);
    }
    return accept(items);
  };
}

/** A switch's variable: 1, true, yes or on; 0, false, no or off. */
export const onOff: Parser<boolean> = (raw) => {
  const text = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return accept(true);
  if (['0', 'false', 'no', 'off'].includes(text)) return accept(false);
  return refuse('one of 1, true, yes, on, 0, false, no, off');
};

/** Any text that is not blank: a path, a host, a token. */
export function text(what: string): Parser<string> {
  return (raw) => (raw.trim() === '' ? refuse(`${what}, not empty`) : accept(raw));
}

/**
 * An http(s) server address, normalised without a trailing slash. "host:port" alone means http;
 * ws:// and wss:// are taken as the same server.
 */
export function server(raw: string): Parsed<string> {
  const expected = `a URL like ${DEFAULT_SERVER}, without query, fragment or credentials`;
  const text = raw.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && text.includes('://')) return refuse(expected);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `http://${text}`);
  } catch {
    return refuse(expected);
  }
  const scheme = url.protocol === 'ws:' ? 'http:' : url.protocol === 'wss:' ? 'https:' : url.protocol;
  // WHATWG URLs accept odd host characters (`!`, `$`…) that no resolver does; take names, IPv4 and [IPv6].
  const plainHost = /^[a-z0-9.-]+$/i.test(url.hostname) || /^\[[0-9a-f:.]+\]$/i.test(url.hostname);
  if ((scheme !== 'http:' && scheme !== 'https:') || !plainHost || url.search !== '' || url.hash !== '' || url.username !== '') return refuse(expected);
  return accept(`${scheme}//${url.host}${url.pathname.replace(/\/+$/, '')}`);
}

/** One server, or several instances of one chat sharing a Redis, comma-separated, normalised. */
export const servers: Parser<string> = (raw) => {
  const list = listOf(server, `a URL like ${DEFAULT_SERVER}, or several comma-separated`)(raw);
  return list.ok ? accept(list.value.join(',')) : list;
};

/** A room, with or without the `#` people type in front of it. */
export const room: Parser<string> = (raw) => {
  const checked = checkRoom(raw.trim().replace(/^#/, ''));
  return checked.ok ? accept(checked.value) : refuse('a room: 1-32 of a-z, 0-9, _ and -, starting with a letter or digit');
};

/** A user name as the server takes it. */
/** A comma-separated list of rooms, each as --room takes it, duplicates dropped. */
export const rooms: Parser<readonly string[]> = (raw) => {
  const expected = `up to ${MAX_OPEN_ROOMS} rooms, comma-separated, each 1-32 of a-z, 0-9, _ and -: lobby,dev,ops`;
  const parsed = listOf(room, expected)(raw);
  if (!parsed.ok) return parsed;
  const unique = [...new Set(parsed.value)];
  return unique.length <= MAX_OPEN_ROOMS ? accept(unique) : refuse(expected);
};

export const name: Parser<string> = (raw) => {
  const checked = checkUser(raw);
  return checked.ok ? accept(checked.value) : refuse('a name of 1-32 printable characters, not blank');
};

export const transportChoice: Parser<TransportChoice> = choice(TRANSPORT_CHOICES);

/** The server's transports: any of the four, comma-separated, each once. */
export const transportKinds: Parser<ReadonlySet<TransportKind>> = (raw) => {
  const list = listOf(choice(TRANSPORT_KINDS), `a comma-separated list of ${TRANSPORT_KINDS.join(', ')}`)(raw);
  return list.ok ? accept(new Set(list.value)) : list;
};

/** A redis:// or rediss:// URL with a host. */
export const redisUrl: Parser<string> = (raw) => {
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '') return accept(raw.trim());
  } catch {
    // refused below
  }
  return refuse('a URL like redis://127.0.0.1:6379 (or rediss:// for TLS)');
};

/** A send limit, `N/SECONDS`; "0" turns limiting off (undefined). */
export const rate: Parser<RateLimit | undefined> = (raw) => {
  if (raw.trim() === '0') return accept(undefined);
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (match === null || Number(match[1]) < 1 || Number(match[2]) <= 0) return refuse('N/SECONDS (e.g. 30/10), or 0 to turn limiting off');
  return accept({ count: Number(match[1]), perSeconds: Number(match[2]) });
};

/** A bound, a whole number from 0 to `max`, where 0 stands for no bound at all. */
export function bound(max: number): Parser<number> {
  const whole = integer(0, max);
  return (raw) => {
    const parsed = whole(raw);
    return parsed.ok ? parsed : refuse(`a whole number from 0 to ${max}; 0 for no limit`);
  };
}

/** Browser origins allowed, `scheme://host[:port]` or `*`, comma-separated. */
export const origins: Parser<readonly string[]> = listOf((raw) => {
  if (raw === '*') return accept(raw);
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return accept(raw);
  } catch {
    // refused below
  }
  return refuse('');
}, 'an origin like https://chat.example.com, or *');

/** Host names the server answers for, comma-separated: names, IPv4 or [IPv6] addresses, or `*`. */
export const hostNames: Parser<readonly string[]> = listOf((raw) => {
  if (raw === '*' || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.?$/i.test(raw) || /^\[[0-9a-f:.]+\]$/i.test(raw)) return accept(raw);
  return refuse('');
}, 'a host name like chat.example.com (no scheme or port), an address, or *');

/** The fewest bytes a signing secret may have: HS256's own size, as RFC 7518 asks. */
export const MIN_SECRET_BYTES = 32;

const secretExpected = `a secret of at least ${MIN_SECRET_BYTES} bytes (e.g. openssl rand -base64 32)`;

/** A signing secret, long enough to be one. */
export const secret: Parser<string> = (raw) => (Buffer.byteLength(raw) >= MIN_SECRET_BYTES ? accept(raw) : refuse(secretExpected));

/** A file holding a signing secret (surrounding whitespace, such as the newline an editor adds, is not part of it); the value is the secret. */
export const secretFile: Parser<string> = (raw) => {
  let text: string;
  try {
    text = readFileSync(raw, 'utf8').trim();
  } catch {
    return refuse(`a readable file holding ${secretExpected}`);
  }
  return secret(text).ok ? accept(text) : refuse(`a file holding ${secretExpected}`);
};

/** The secret of signed identities, from --jwt-secret or --jwt-secret-file (or their variables), which exclude each other. */
export function identitySecret(given: string | undefined, fromFile: string | undefined): string | undefined {
  if (given !== undefined && fromFile !== undefined) throw new UsageError('--jwt-secret and --jwt-secret-file exclude each other: give the secret once');
  return given ?? fromFile;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A span of time, a number and a unit: `90s`, `15m`, `1.5h`, `7d`, `2w`; in ms, from `minMs` to `maxMs`. */
export function duration(minMs: number, maxMs: number, range: string): Parser<number> {
  return (raw) => {
    const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(raw.trim());
    const ms = match === null ? NaN : Math.round(Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]!);
    return ms >= minMs && ms <= maxMs ? accept(ms) : refuse(`a duration like 30m, 12h or 7d (s, m, h, d or w), ${range}`);
  };
}

/** `0` for none at all, else what `parse` takes. */
export function orZero(parse: Parser<number>, none: string): Parser<number> {
  return (raw) => {
    if (raw.trim() === '0') return accept(0);
    const parsed = parse(raw);
    return parsed.ok ? parsed : refuse(`${parsed.expected}; 0 for ${none}`);
  };
}

/** Most bots one process runs: each is a real client with its own connections and timers. */
export const MAX_BOTS = 1000;

/** One transport or several, comma-separated, which bots take in turn. */
/** termchat race's lanes: any of ws, sse, longpoll, poll and poll-keepalive, comma-separated, each once, in the order given. */
export const raceLanes: Parser<readonly RaceLane[]> = (raw) => {
  const expected = `one or more of ${RACE_LANES.join(', ')}, comma-separated, each once`;
  const list = listOf(choice(RACE_LANES), expected)(raw);
  return list.ok && new Set(list.value).size === list.value.length ? list : refuse(expected);
};

/** The most bots termchat race runs: a room's worth of chatter, as many names as one address may hold. */
export const MAX_RACE_BOTS = 50;

export const transportChoices: Parser<readonly TransportChoice[]> = listOf(transportChoice, `one or more of ${TRANSPORT_CHOICES.join(', ')}, comma-separated`);

/** A bot name prefix: the longest name it makes (prefix-longpoll-1000) must still be a valid user name. */
export const botPrefix: Parser<string> = (raw) => {
  const prefix = raw.trim();
  return prefix === '' || /\s/.test(prefix) || !name(`${prefix}-longpoll-${MAX_BOTS}`).ok ? refuse('1-18 printable characters without spaces') : accept(prefix);
};

/** The bench's transports, in the canonical order whatever order they were typed in, so tables line up run after run. */
export const benchTransports: Parser<readonly BenchTransport[]> = (raw) => {
  const list = listOf(choice(BENCH_TRANSPORTS), `a comma-separated list of ${BENCH_TRANSPORTS.join(', ')}`)(raw);
  return list.ok ? accept(BENCH_TRANSPORTS.filter((kind) => list.value.includes(kind))) : list;
};

/** `--redis` alone (the empty string: a Redis of the bench's own), or a running one's URL. */
export const ownOrRedisUrl: Parser<string> = (raw) => (raw.trim() === '' ? accept('') : redisUrl(raw));

/** The chat's network: the condition its relay starts in (none: clean), or `off` for no relay at all. */
export type NetPlan = readonly NetChange[] | 'off';

/** What --net says of a word it does not know. */
const NET_ANY = (parseNetFlag('') as Extract<ReturnType<typeof parseNetFlag>, { ok: false }>).expected;

/** The chat's `--net`: what `termchat relay --net` takes, or `off` to connect directly, without the relay. */
export const chatNet: Parser<NetPlan> = (raw) => {
  if (/^\s*off\s*$/i.test(raw)) return accept('off');
  const parsed = parseNetFlag(raw);
  if (parsed.ok || parsed.expected !== NET_ANY) return parsed;
  return refuse(`${NET_ANY}; or off, to connect directly without the relay`);
};
