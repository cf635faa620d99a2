import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageErrorOf } from '../helpers/cli.js';
import { tempDir } from '../helpers/server.js';
import { BENCH_TRANSPORTS } from '../../src/bench/running/kinds.js';
import { DEFAULT_SCALE_STEPS, NETWORK_TRANSPORTS, REDIS_TRANSPORTS } from '../../src/bench/running/options.js';
import { resolveBenchOptions } from '../../src/commands/bench.js';
import { resolveBotsOptions } from '../../src/commands/bots.js';
import { demoSession, resolveDemoOptions } from '../../src/commands/demo.js';
import { resolveJoinOptions } from '../../src/commands/join.js';
import { resolveServeOptions } from '../../src/commands/serve.js';
import { resolveTokenOptions } from '../../src/commands/token.js';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { defaultWebRoot } from '../../src/server/base/options.js';


describe('resolveServeOptions', () => {
  it('defaults to every transport on 127.0.0.1:4000 with the default limits', () => {
    expect(resolveServeOptions([], {})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      memory: false,
      allowOrigins: [],
      allowHosts: [],
      transports: new Set(TRANSPORT_KINDS),
      heartbeatSeconds: 5,
      statsIntervalSeconds: 5,
      maxText: 4000,
      rate: { count: 30, perSeconds: 10 },
      maxRooms: 10_000,
      addressRate: { count: 300, perSeconds: 10 },
      namesPerAddress: 32,
      maxConnections: 10_000,
      trustProxy: false,
      webRoot: defaultWebRoot(),
    });
  });

  it('serves the web page from the package\'s dist/page unless told --no-web', () => {
    expect(defaultWebRoot()).toBe(fileURLToPath(new URL('../../dist/page', import.meta.url)));
    expect(resolveServeOptions(['--no-web'], {})).not.toHaveProperty('webRoot');
    expect(resolveServeOptions([], { TERMCHAT_NO_WEB: '1' })).not.toHaveProperty('webRoot');
    expect(resolveServeOptions(['--no-web=false'], { TERMCHAT_NO_WEB: '1' })).toHaveProperty('webRoot');
    expect(() => resolveServeOptions([], { TERMCHAT_NO_WEB: 'maybe' })).toThrow('TERMCHAT_NO_WEB: "maybe" is not one of 1, true, yes, on, 0, false, no, off');
  });

  it('reads the history bounds: rooms, messages kept per room and their age', () => {
    expect(resolveServeOptions(['--max-rooms', '50', '--history', '200', '--history-ttl', '7d'], {})).toMatchObject({ maxRooms: 50, history: 200, historyTtlMs: 7 * 86_400_000 });
    expect(resolveServeOptions([], { TERMCHAT_MAX_ROOMS: '0', TERMCHAT_HISTORY: '0', TERMCHAT_HISTORY_TTL: '12h' })).toMatchObject({ maxRooms: undefined, history: 0, historyTtlMs: 12 * 3_600_000 });
    expect(resolveServeOptions(['--history-ttl', '30m'], {})).toMatchObject({ historyTtlMs: 1_800_000 });
    expect(resolveServeOptions(['--history-ttl', '0'], {})).not.toHaveProperty('historyTtlMs');
  });

  it('takes flags over variables, and lists from both', () => {
    const env = { TERMCHAT_PORT: '4100', TERMCHAT_ALLOW_ORIGIN: 'https://a.example, https://b.example', TERMCHAT_TRANSPORTS: 'sse,poll', TERMCHAT_MEMORY: 'yes', TERMCHAT_RATE: '0' };
    expect(resolveServeOptions([], env)).toMatchObject({ port: 4100, memory: true, allowOrigins: ['https://a.example', 'https://b.example'], transports: new Set(['sse', 'poll']), rate: undefined });
    const flags = ['--port', '0', '--allow-origin', '*', '--allow-origin=https://c.example', '--transports', 'ws', '--heartbeat', '0.5', '--rate', '5/2.5'];
    expect(resolveServeOptions(flags, env)).toMatchObject({ port: 0, allowOrigins: ['*', 'https://c.example'], transports: new Set(['ws']), heartbeatSeconds: 0.5, rate: { count: 5, perSeconds: 2.5 } });
  });

  it('takes the address limit and the proxy from flags and variables', () => {
    expect(resolveServeOptions([], { TERMCHAT_ADDRESS_RATE: '0', TERMCHAT_TRUST_PROXY: 'yes', TERMCHAT_NAMES_PER_ADDRESS: '0', TERMCHAT_MAX_CONNECTIONS: '0' })).toMatchObject({
      addressRate: undefined,
      trustProxy: true,
      namesPerAddress: 0,
      maxConnections: 0,
    });
    expect(resolveServeOptions(['--address-rate', '50/5', '--trust-proxy'], {})).toMatchObject({ addressRate: { count: 50, perSeconds: 5 }, trustProxy: true });
  });

  it('takes host names to answer for from --allow-host and TERMCHAT_ALLOW_HOST', () => {
    expect(resolveServeOptions([], { TERMCHAT_ALLOW_HOST: 'chat.example.com, 10.0.0.7' })).toMatchObject({ allowHosts: ['chat.example.com', '10.0.0.7'] });
    expect(resolveServeOptions(['--allow-host', 'a.example', '--allow-host=[fd00::1]', '--allow-host', '*'], {})).toMatchObject({ allowHosts: ['a.example', '[fd00::1]', '*'] });
  });

  it.each([
    [['--allow-host', 'http://chat.example'], {}, '--allow-host: "http://chat.example" is not a host name like chat.example.com (no scheme or port), an address, or *'],
    [['--allow-host', 'chat.example:4000'], {}, '--allow-host: "chat.example:4000" is not a host name like chat.example.com (no scheme or port), an address, or *'],
    [['--address-rate', '10'], {}, '--address-rate: "10" is not N/SECONDS (e.g. 30/10), or 0 to turn limiting off'],
    [['--names-per-address', '-1'], {}, '--names-per-address: "-1" is not a number from 0 to 1000000'],
    [['--max-connections', 'lots'], {}, '--max-connections: "lots" is not a number from 0 to 10000000'],
    [['--trust-proxy=maybe'], {}, '--trust-proxy is a switch and takes no value; got "maybe"'],
    [['--port', 'abc'], {}, '--port: "abc" is not a number from 0 to 65535'],
    [['--port', '70000'], {}, '--port: "70000" is not a number from 0 to 65535'],
    [['--port', '0x10'], {}, '--port: "0x10" is not a number from 0 to 65535'],
    [['--max-text', '1.5'], {}, '--max-text: "1.5" is not a whole number from 1 to 60000'],
    [['--heartbeat', '0'], {}, '--heartbeat: "0" is not a number from 0.05 to 3600'],
    [['--rate', 'x'], {}, '--rate: "x" is not N/SECONDS (e.g. 30/10), or 0 to turn limiting off'],
    [['--transports', 'foo'], {}, '--transports: "foo" is not a comma-separated list of ws, sse, longpoll, poll'],
    [['--allow-origin', 'ftp://x'], {}, '--allow-origin: "ftp://x" is not an origin like https://chat.example.com, or *'],
    [['--token', ''], {}, '--token: "" is not a token, not empty'],
    [['--max-rooms', '-1'], {}, '--max-rooms: "-1" is not a whole number from 0 to 1000000000; 0 for no limit'],
    [['--history', 'all'], {}, '--history: "all" is not a whole number from 0 to 1000000000; 0 for no limit'],
    [['--history-ttl', '7x'], {}, '--history-ttl: "7x" is not a duration like 30m, 12h or 7d (s, m, h, d or w), from 1s; 0 for no limit'],
    [['--history-ttl', '12'], {}, '--history-ttl: "12" is not a duration like 30m, 12h or 7d (s, m, h, d or w), from 1s; 0 for no limit'],
    [[], { TERMCHAT_PORT: 'abc' }, 'TERMCHAT_PORT: "abc" is not a number from 0 to 65535'],
    [[], { TERMCHAT_MEMORY: 'maybe' }, 'TERMCHAT_MEMORY: "maybe" is not one of 1, true, yes, on, 0, false, no, off'],
    [['--memory', '--db', 'x.db'], {}, '--memory and --db exclude each other: history is either in memory or in a file'],
    [['--redis', 'redis://h:1', '--db', 'x.db'], {}, '--redis and --db exclude each other: with Redis, history is kept in Redis'],
  ])('refuses %j %j in one line: %s', (args, env, message) => {
    expect(usageErrorOf(() => resolveServeOptions(args, env))).toBe(message);
  });

  it('takes an empty variable as unset', () => {
    expect(resolveServeOptions([], { TERMCHAT_PORT: '', TERMCHAT_TOKEN: '' })).toMatchObject({ port: 4000 });
    expect(resolveServeOptions([], { TERMCHAT_TOKEN: '' })).not.toHaveProperty('token');
  });
});

const SECRET = 'thirty-two-bytes-of-secret-at-least';

/** A secret in a file, as an operator keeps it, with the newline an editor or `openssl rand` leaves. */
function secretFile(text = `${SECRET}\n`): string {
  const file = join(tempDir(), 'secret');
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

describe('signed identities on the command line', () => {
  it('gives serve the secret from --jwt-secret, --jwt-secret-file or their variables', () => {
    expect(resolveServeOptions(['--jwt-secret', SECRET], {})).toMatchObject({ jwtSecret: SECRET });
    expect(resolveServeOptions([], { TERMCHAT_JWT_SECRET: SECRET })).toMatchObject({ jwtSecret: SECRET });
    expect(resolveServeOptions(['--jwt-secret-file', secretFile()], {})).toMatchObject({ jwtSecret: SECRET });
    expect(resolveServeOptions([], { TERMCHAT_JWT_SECRET_FILE: secretFile() })).toMatchObject({ jwtSecret: SECRET });
    expect(resolveServeOptions([], {})).not.toHaveProperty('jwtSecret');
  });

  it('refuses in one line a short secret, an unreadable file, both sources, and a shared token beside it', () => {
    expect(usageErrorOf(() => resolveServeOptions(['--jwt-secret', 'short'], {}))).toBe('--jwt-secret: "short" is not a secret of at least 32 bytes (e.g. openssl rand -base64 32)');
    expect(usageErrorOf(() => resolveServeOptions(['--jwt-secret-file', '/nonexistent/secret'], {}))).toBe(
      '--jwt-secret-file: "/nonexistent/secret" is not a readable file holding a secret of at least 32 bytes (e.g. openssl rand -base64 32)',
    );
    const short = secretFile('short\n');
    expect(usageErrorOf(() => resolveServeOptions(['--jwt-secret-file', short], {}))).toMatch(/is not a file holding a secret of at least 32 bytes/);
    expect(usageErrorOf(() => resolveServeOptions(['--jwt-secret', SECRET, '--jwt-secret-file', secretFile()], {}))).toBe('--jwt-secret and --jwt-secret-file exclude each other: give the secret once');
    expect(usageErrorOf(() => resolveServeOptions(['--jwt-secret', SECRET], { TERMCHAT_TOKEN: 's3cret' }))).toMatch(/^--token and --jwt-secret exclude each other/);
  });

  it('gives token the name, the lifetime and the secret', () => {
    expect(resolveTokenOptions(['--user', 'alice', '--jwt-secret', SECRET], {})).toEqual({ user: 'alice', ttlMs: 7 * 86_400_000, secret: SECRET });
    expect(resolveTokenOptions(['--user', 'bob', '--ttl', '90s'], { TERMCHAT_JWT_SECRET_FILE: secretFile() })).toEqual({ user: 'bob', ttlMs: 90_000, secret: SECRET });
    for (const [ttl, ms] of [['15m', 900_000], ['12h', 43_200_000], ['2w', 1_209_600_000], ['3650d', 3650 * 86_400_000]] as const) {
      expect(resolveTokenOptions(['--user', 'c', '--ttl', ttl, '--jwt-secret', SECRET], {}).ttlMs).toBe(ms);
    }
  });

  it.each([
    [['--jwt-secret', SECRET], '--user is required: the name the token lets its holder use'],
    [['--user', 'alice'], "a secret is required: the server's, as --jwt-secret SECRET or --jwt-secret-file PATH (or TERMCHAT_JWT_SECRET, TERMCHAT_JWT_SECRET_FILE)"],
    [['--user', 'a b '.repeat(20), '--jwt-secret', SECRET], /^--user: ".*" is not a name of 1-32 printable characters, not blank$/],
    [['--user', 'alice', '--ttl', '7', '--jwt-secret', SECRET], '--ttl: "7" is not a duration like 30m, 12h or 7d (s, m, h, d or w), from 1s to 3650d'],
    [['--user', 'alice', '--ttl', '0s', '--jwt-secret', SECRET], /^--ttl: "0s" is not a duration/],
    [['--user', 'alice', '--ttl', '3651d', '--jwt-secret', SECRET], /^--ttl: "3651d" is not a duration/],
  ] as const)('refuses token %j in one line', (args, message) => {
    const said = usageErrorOf(() => resolveTokenOptions(args, {}));
    if (typeof message === 'string') expect(said).toBe(message);
    else expect(said).toMatch(message);
  });
});

describe('resolveJoinOptions', () => {
  it('uses defaults and leaves a missing name to the UI', () => {
    const plan = resolveJoinOptions([], {}, {});
    expect(plan.options).toEqual({ server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'auto' });
    expect(plan.remember).toEqual({});
    // Through the relay, clean.
    expect(plan.net).toEqual([]);
  });

  it('reads the network to start in, or off, from --net or TERMCHAT_NET, and never remembers it', () => {
    const plan = resolveJoinOptions(['--net', 'delay=100±20, rate=56kbit'], {}, { TERMCHAT_NET: 'off' });
    expect(plan.net).toEqual([
      { kind: 'delay', ms: 100, jitterMs: 20 },
      { kind: 'rate', bitsPerSecond: 56_000 },
    ]);
    expect(plan.remember).toEqual({});
    expect(resolveJoinOptions([], {}, { TERMCHAT_NET: 'OFF' }).net).toBe('off');
    expect(resolveJoinOptions(['--net', 'blackhole,down=10s'], {}, {}).net).toEqual([
      { kind: 'blackhole', on: true },
      { kind: 'down', ms: 10_000 },
    ]);
  });

  it('uses remembered settings when no flag is given', () => {
    const stored = { user: 'alice', server: 'http://chat:4000', transport: 'sse', room: 'dev' };
    expect(resolveJoinOptions([], stored, {}).options).toEqual({ user: 'alice', server: 'http://chat:4000', transport: 'sse', room: 'dev' });
  });

  it('passes over remembered settings a hand edit broke', () => {
    const stored = { user: 'alice', transport: 'pigeon', room: 'Bad Room', server: 42 };
    expect(resolveJoinOptions([], stored, {}).options).toEqual({ user: 'alice', server: 'http://127.0.0.1:4000', transport: 'auto', room: 'lobby' });
  });

  it('lets flags win over variables, and variables over remembered settings', () => {
    const stored = { user: 'alice', transport: 'sse', room: 'dev' };
    const plan = resolveJoinOptions(['--as', 'bob'], stored, { TERMCHAT_USER: 'carol', TERMCHAT_TRANSPORT: 'poll' });
    expect(plan.options).toMatchObject({ user: 'bob', transport: 'poll', room: 'dev' });
  });

  it('remembers only what came from flags', () => {
    const plan = resolveJoinOptions(['--as', 'bob', '--room', '#ops', '--interval', '250', '--keepalive', '--token', 's3cret'], {}, { TERMCHAT_SERVER: 'http://x:1' });
    expect(plan.remember).toEqual({ user: 'bob', room: 'ops' });
    expect(plan.options).toMatchObject({ interval: 250, keepalive: true, token: 's3cret', server: 'http://x:1' });
  });

  it('takes several servers and normalises each', () => {
    const plan = resolveJoinOptions(['--server', ' 127.0.0.1:4001 , ws://127.0.0.1:4002/ ,https://chat.example.com/c/'], {}, {});
    expect(plan.options.server).toBe('http://127.0.0.1:4001,http://127.0.0.1:4002,https://chat.example.com/c');
    expect(plan.remember).toEqual({ server: 'http://127.0.0.1:4001,http://127.0.0.1:4002,https://chat.example.com/c' });
    expect(resolveJoinOptions([], {}, { TERMCHAT_SERVER: 'http://a:1,http://b:2' }).options.server).toBe('http://a:1,http://b:2');
    expect(resolveJoinOptions([], { server: 'http://a:1,http://b:2' }, {}).options.server).toBe('http://a:1,http://b:2');
    expect(resolveJoinOptions([], { server: 'http://a:1,ftp://b' }, {}).options.server).toBe('http://127.0.0.1:4000');
  });

  it.each([
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['localhost:4000', 'http://localhost:4000'],
    ['wss://chat.example.com', 'https://chat.example.com'],
    ['https://example.com/chat/', 'https://example.com/chat'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
  ])('normalises the server %s', (raw, server) => {
    expect(resolveJoinOptions(['--server', raw], {}, {}).options.server).toBe(server);
  });

  it.each(['ht!tp://x', 'http://exa mple.com', 'http://ex!ample.com', ':4000', 'http://', 'ftp://example.com', 'http://a:b@host:1', 'http://host:1/?x=1', 'http://a:1,,http://b:2', 'http://a:1,'])(
    'refuses the server %j',
    (raw) => {
      expect(usageErrorOf(() => resolveJoinOptions(['--server', raw], {}, {}))).toBe(`--server: ${JSON.stringify(raw)} is not a URL like http://127.0.0.1:4000, or several comma-separated`);
    },
  );

  it.each([
    [['--transport', 'pigeon'], '--transport: "pigeon" is not one of ws, sse, longpoll, poll, auto'],
    [['--room', 'Bad Room'], '--room: "Bad Room" is not a room: 1-32 of a-z, 0-9, _ and -, starting with a letter or digit'],
    [['--interval', 'fast'], '--interval: "fast" is not a number of milliseconds from 50 to 600000'],
    [['--interval', '60.5'], '--interval: "60.5" is not a whole number of milliseconds from 50 to 600000'],
    [['--as', '   '], '--as: "   " is not a name of 1-32 printable characters, not blank'],
    [['--keepalive=maybe'], '--keepalive is a switch and takes no value; got "maybe"'],
    [['--net', 'delay=-5'], '--net: "delay=-5" is not a delay of 0 to 60000 ms, with any jitter no larger than it: delay=100, delay=100±20 or delay=100+-20'],
    [['--net', 'rate=fast'], '--net: "rate=fast" is not a rate of 1kbit to 10gbit a second, in bit, kbit, mbit, gbit, B, kB, MB or GB (k = 1000): rate=56kbit, rate=1mbit, rate=64kB; rate=off lifts the cap'],
    [
      ['--net', 'storm'],
      '--net: "storm" is not a network condition: delay=MS[±JITTER], rate=RATE, blackhole or down=SECONDS, several comma-separated (delay=100,rate=56kbit); or off, to connect directly without the relay',
    ],
  ])('refuses %j in one line naming what is allowed', (args, message) => {
    expect(usageErrorOf(() => resolveJoinOptions(args, {}, {}))).toBe(message);
  });

  it('names the variable when a variable is bad', () => {
    expect(usageErrorOf(() => resolveJoinOptions([], {}, { TERMCHAT_TRANSPORT: 'x' }))).toBe('TERMCHAT_TRANSPORT: "x" is not one of ws, sse, longpoll, poll, auto');
  });
});

describe('resolveBotsOptions', () => {
  it('defaults to four bots, one per transport, every 3 s, on the local server', () => {
    expect(resolveBotsOptions([], {})).toEqual({
      count: 4,
      transports: ['ws', 'sse', 'longpoll', 'poll'],
      everyMs: 3000,
      prefix: 'bot',
      connection: { server: 'http://127.0.0.1:4000', room: 'lobby' },
    });
  });

  it('takes flags over the TERMCHAT_* variables join reads', () => {
    const env = { TERMCHAT_SERVER: 'http://a:1', TERMCHAT_ROOM: 'ops', TERMCHAT_TOKEN: 't', TERMCHAT_INTERVAL: '300', TERMCHAT_KEEPALIVE: 'yes' };
    expect(resolveBotsOptions([], env).connection).toEqual({ server: 'http://a:1', room: 'ops', interval: 300, keepalive: true, token: 't' });
    const args = ['--server', 'b:2,http://c:3/', '--room', 'dev', '--count', '7', '--transport', 'poll, ws', '--every', '250', '--as', 'load', '--interval', '100'];
    expect(resolveBotsOptions(args, env)).toMatchObject({ count: 7, transports: ['poll', 'ws'], everyMs: 250, prefix: 'load', connection: { server: 'http://b:2,http://c:3', room: 'dev', interval: 100 } });
  });

  it.each([
    [['--count', '1001'], '--count: "1001" is not a number from 1 to 1000'],
    [['--count', '2.5'], '--count: "2.5" is not a whole number from 1 to 1000'],
    [['--every', '5'], '--every: "5" is not a number of milliseconds from 10 to 3600000'],
    [['--transport', ''], '--transport: "" is not one or more of ws, sse, longpoll, poll, auto, comma-separated'],
    [['--as', 'a-prefix-far-too-long-for-names'], '--as: "a-prefix-far-too-long-for-names" is not 1-18 printable characters without spaces'],
    [['--token', ''], '--token: "" is not a token, not empty'],
  ])('refuses %j with one line', (args, message) => {
    expect(usageErrorOf(() => resolveBotsOptions(args, {}))).toBe(message);
  });
});

describe('resolveDemoOptions', () => {
  it('takes the name from the flag, the variable or what join remembered, and nothing else of join', () => {
    expect(resolveDemoOptions([], {}, {}).as).toBeUndefined();
    expect(resolveDemoOptions([], { user: 'carol' }, {}).as).toBe('carol');
    expect(resolveDemoOptions([], { user: 'carol' }, { TERMCHAT_USER: 'dave' }).as).toBe('dave');
    const env = { TERMCHAT_USER: 'dave', TERMCHAT_TRANSPORT: 'poll', TERMCHAT_ROOM: 'x', TERMCHAT_TOKEN: 'mine' };
    expect(resolveDemoOptions(['--as', 'alice'], { user: 'carol', room: 'dev', transport: 'sse' }, env)).toEqual({
      as: 'alice',
      transport: 'ws',
      room: 'lobby',
      interval: undefined,
      keepalive: undefined,
      count: 4,
      every: 6000,
      token: undefined,
      net: undefined,
    });
  });

  it('builds the session for the server it started', () => {
    const plan = resolveDemoOptions(['--as', 'alice', '--transport', 'poll', '--interval', '250', '--token', 's3cret', '--count', '2', '--every', '1000'], {}, {});
    expect(demoSession(plan, 'http://127.0.0.1:5555')).toEqual({ server: 'http://127.0.0.1:5555', room: 'lobby', transport: 'poll', user: 'alice', interval: 250, token: 's3cret' });
    expect(plan).toMatchObject({ count: 2, every: 1000 });
  });

  it('refuses --server with a pointer to termchat bots, since the demo brings its own', () => {
    expect(usageErrorOf(() => resolveDemoOptions(['--server', 'http://x:1'], {}, {}))).toMatch(/^--server does not apply: .*termchat bots --server URL$/);
  });
});

describe('resolveBenchOptions', () => {
  it('defaults to the study: 5,50,100 clients, 10 s, a send every 2 s, polls every 100 ms, every transport', () => {
    const options = resolveBenchOptions([]);
    expect(options).toMatchObject({ mode: 'tiers', tiers: [5, 50, 100], durationMs: 10_000, sendEveryMs: 2000, intervalMs: 100, reps: 1, workers: undefined, maxP99Ms: 100 });
    expect(options.transports).toEqual(BENCH_TRANSPORTS);
    expect(options.jsonPath).toBeUndefined();
    expect(options.chartsDir).toBeUndefined();
  });

  it('takes lists and numbers as typed', () => {
    const options = resolveBenchOptions(['--clients', '3, 7', '--duration', '2.5', '--send-every', '500', '--interval', '50', '--reps', '3', '--workers', '2', '--json', 'out.json', '--charts', 'charts']);
    expect(options).toMatchObject({ tiers: [3, 7], durationMs: 2500, sendEveryMs: 500, intervalMs: 50, reps: 3, workers: 2, jsonPath: 'out.json', chartsDir: 'charts' });
  });

  it('keeps transports in the canonical order, whatever order they were typed in', () => {
    expect(resolveBenchOptions(['--transports', 'ws,baseline,poll']).transports).toEqual(['poll', 'ws', 'baseline']);
  });

  it.each([
    [['--clients', '5,x'], /^--clients: "5,x" is not a comma-separated list of client counts/],
    [['--clients', '0'], /^--clients:/],
    [['--clients', ''], /^--clients:/],
    [['--clients', '6000'], /^--clients: a tier may have at most 5000 clients; got 6000$/],
    [['--duration', '1e3'], /^--duration:/],
    [['--duration', '0.1'], /^--duration:/],
    [['--send-every', '-5'], /^--send-every:/],
    [['--transports', 'ws,carrier-pigeon'], /carrier-pigeon/],
    [['--reps', '0'], /^--reps:/],
    [['--json', ' '], /^--json:/],
    [['--scale', '--idle', '10'], /separate/],
    [['--scale', '--transports', 'poll'], /ws and baseline/],
  ])('refuses %j with a usage error', (args, message) => {
    expect(usageErrorOf(() => resolveBenchOptions(args))).toMatch(message);
  });

  it('--scale ramps the study ladder over both servers unless told otherwise, up to the room limit', () => {
    const options = resolveBenchOptions(['--scale']);
    expect(options.mode).toBe('scale');
    expect(options.tiers).toEqual(DEFAULT_SCALE_STEPS);
    expect(options.servers).toEqual(['termchat', 'baseline']);
    expect(resolveBenchOptions(['--scale', '--transports', 'ws', '--clients', '10,6000'])).toMatchObject({ servers: ['termchat'], tiers: [10, 6000] });
  });

  it('--idle N is its own mode', () => {
    expect(resolveBenchOptions(['--idle', '2000'])).toMatchObject({ mode: 'idle', idleConnections: 2000, servers: ['termchat', 'baseline'] });
  });

  it('--redis alone: the tiers on a Redis of the bench’s own, every termchat transport; before another flag too', () => {
    for (const args of [['--redis'], ['--redis', '--reps', '2'], ['--redis=']]) {
      const options = resolveBenchOptions(args);
      expect(options).toMatchObject({ mode: 'redis', redisUrl: undefined, tiers: [5, 50, 100] });
      expect(options.transports).toEqual(REDIS_TRANSPORTS);
    }
  });

  it('--redis URL: that Redis', () => {
    expect(resolveBenchOptions(['--redis', 'redis://10.0.0.5:6380', '--clients', '2,4', '--transports', 'ws,sse'])).toMatchObject({
      mode: 'redis',
      redisUrl: 'redis://10.0.0.5:6380',
      tiers: [2, 4],
      transports: ['sse', 'ws'],
    });
  });

  it.each([
    [['--redis', 'localhost:6379'], /^--redis: "localhost:6379" is not a URL like redis:\/\/127\.0\.0\.1:6379/],
    [['--redis', '--scale'], /does not combine with --scale/],
    [['--redis', '--idle', '10'], /does not combine with --idle/],
    [['--redis', '--transports', 'ws,baseline'], /--transports may name poll, poll-keepalive, longpoll, sse, ws; got baseline/],
    [['--redis', '--clients', '1,5'], /at least 2 per tier; got 1/],
    [['--redis', '--charts', 'out'], /--charts/],
  ])('refuses %j in one line', (args, message) => {
    expect(usageErrorOf(() => resolveBenchOptions(args))).toMatch(message);
  });

  it('--rtt runs the tiers at each round trip, ascending and each once, termchat\'s transports unless told otherwise', () => {
    const options = resolveBenchOptions(['--rtt', '100, 0,25,0']);
    expect(options).toMatchObject({ mode: 'network', tiers: [5, 50, 100], network: { rttsMs: [0, 25, 100], jitterMs: 0, rateBitsPerSecond: undefined } });
    expect(options.transports).toEqual(NETWORK_TRANSPORTS);
    expect(options.transports).not.toContain('baseline');
    expect(resolveBenchOptions(['--rtt', '50', '--transports', 'ws,baseline']).transports).toEqual(['ws', 'baseline']);
    expect(resolveBenchOptions([]).network).toBeUndefined();
  });

  it('--net adds a rate and, with --rtt, a jitter to every round trip', () => {
    expect(resolveBenchOptions(['--rtt', '0,100', '--net', 'rate=1mbit, jitter=10']).network).toEqual({ rttsMs: [0, 100], jitterMs: 10, rateBitsPerSecond: 1_000_000 });
    expect(resolveBenchOptions(['--rtt', '40', '--net', 'jitter=5ms']).network).toEqual({ rttsMs: [40], jitterMs: 5, rateBitsPerSecond: undefined });
    expect(resolveBenchOptions(['--rtt', '40', '--net', 'rate=56kbit,rate=off']).network!.rateBitsPerSecond).toBeUndefined();
  });

  it('--net alone is one round trip, twice its delay, with its jitter and rate', () => {
    expect(resolveBenchOptions(['--net', 'delay=50±10']).network).toEqual({ rttsMs: [100], jitterMs: 10, rateBitsPerSecond: undefined });
    expect(resolveBenchOptions(['--net', 'rate=64kB']).network).toEqual({ rttsMs: [0], jitterMs: 0, rateBitsPerSecond: 512_000 });
    expect(resolveBenchOptions(['--net', 'delay=20+-5,rate=56kbit', '--charts', 'out'])).toMatchObject({ mode: 'network', chartsDir: 'out', network: { rttsMs: [40], jitterMs: 5, rateBitsPerSecond: 56_000 } });
  });

  const flowing = /is not a flowing condition: delay=MS\[±JITTER\] and rate=RATE, comma-separated \(delay=50±10,rate=1mbit\), or with --rtt jitter=MS and rate=RATE; blackhole, down and cut stop the traffic a bench measures$/;

  it.each([
    [['--net', 'blackhole'], flowing],
    [['--net', 'down=10s'], flowing],
    [['--net', 'cut'], flowing],
    [['--net', 'delay=50,blackhole'], flowing],
    [['--net', 'loss=5%'], flowing],
    [['--net', 'rate=fast'], /^--net: "rate=fast" is not a rate of 1kbit to 10gbit/],
    [['--net', 'delay=50±60'], /^--net: "delay=50±60" is not a delay of 0 to 60000 ms, with any jitter no larger than it/],
    [['--net', 'jitter=lots', '--rtt', '10'], /^--net: "jitter=lots" is not a jitter of 0 to 500 ms on each one-way hold: jitter=10$/],
    [['--net', 'delay=600'], /^--net delay=600 is a round trip of 1200 ms; a bench adds at most 1000 ms \(delay=500\)$/],
    [['--rtt', '0,25', '--net', 'delay=50'], /^--rtt sets each run's delay, half the round trip each way: leave delay= out of --net, and give a jitter as --net jitter=MS$/],
    [['--net', 'jitter=10'], /^--net jitter= goes with --rtt; without it give the delay and its jitter together: --net delay=50±10$/],
    [['--rtt', '0,fast'], /^--rtt: "0,fast" is not a comma-separated list of round trips in milliseconds, each from 0 to 1000: 0,25,100$/],
    [['--rtt', '1001'], /^--rtt: "1001" is not/],
    [['--rtt', '12.5'], /^--rtt: "12.5" is not/],
    [['--rtt', '0,100', '--redis'], /^--rtt puts one relay in front of one server, and --redis runs two instances on Redis: give one of them$/],
    [['--net', 'rate=1mbit', '--redis', 'redis://127.0.0.1:6379'], /^--net puts one relay in front of one server/],
    [['--rtt', '25', '--scale'], /^--rtt runs the tiers through a relay; it does not combine with --scale$/],
    [['--rtt', '25', '--idle', '100'], /^--rtt runs the tiers through a relay; it does not combine with --idle$/],
    [['--rtt', '25', '--clients', '6000'], /^--clients: a tier may have at most 5000 clients; got 6000$/],
  ])('refuses %j in one line', (args, message) => {
    expect(usageErrorOf(() => resolveBenchOptions(args))).toMatch(message);
  });
});
