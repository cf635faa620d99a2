import { benchDefaults, MAX_ROOM_CONNECTIONS } from '../bench/running/options.js';
import { DEFAULT_BOT_PREFIX } from '../bots/names.js';
import {
  DEFAULT_ADDRESS_RATE,
  DEFAULT_HEARTBEAT_S,
  DEFAULT_HOST,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_ROOMS,
  DEFAULT_MAX_TEXT,
  DEFAULT_MEMORY_HISTORY,
  DEFAULT_NAMES_PER_ADDRESS,
  DEFAULT_PORT,
  DEFAULT_RATE,
  DEFAULT_ROOM,
  DEFAULT_STATS_INTERVAL_S,
  TRANSPORT_KINDS,
} from '../protocol/index.js';
import { parseNetFlag } from '../relay/index.js';
import { benchNetFlag, rttList } from './bench-network.js';
import { option, type Command } from './flags.js';
import { MAX_OPEN_ROOMS } from '../ui/session-options.js';
import { RELAY_KEYS } from './relay-keys.js';
import { RACE_LANES } from '../ui/race/lanes.js';
import {
  benchTransports,
  botPrefix,
  decimal,
  bound,
  chatNet,
  DEFAULT_SERVER,
  duration,
  orZero,
  hostNames,
  integer,
  listOf,
  MAX_BOTS,
  MAX_RACE_BOTS,
  name,
  onOff,
  origins,
  ownOrRedisUrl,
  raceLanes,
  rate,
  redisUrl,
  room,
  rooms,
  secret,
  secretFile,
  server,
  servers,
  text,
  transportChoice,
  transportChoices,
  transportKinds,
} from './values.js';

// Every command's options, declared once: the parser's flags, the help's option lists and where
// each value may come from all follow from these. This module is all the CLI loads before it
// knows the command, so it holds declarations only; each command's code is loaded when chosen.

/** Options several commands share, each with the variable and settings `termchat join` reads. */
const shared = {
  as: option({ arg: 'NAME', parse: name, env: 'TERMCHAT_USER', remember: 'user', help: 'Your name; asked for on first run when missing' }),
  server: option({ arg: 'URL', parse: servers, env: 'TERMCHAT_SERVER', default: DEFAULT_SERVER, help: 'Server to talk to' }),
  room: option({ arg: 'ROOM', parse: room, env: 'TERMCHAT_ROOM', default: DEFAULT_ROOM, help: 'Room: a-z, 0-9, _ and -, up to 32' }),
  interval: option({ arg: 'MS', parse: integer(50, 600_000, 'milliseconds'), env: 'TERMCHAT_INTERVAL', shownDefault: '1000', help: 'Short-poll interval (poll only)' }),
  keepalive: option({ parse: onOff, env: 'TERMCHAT_KEEPALIVE', help: 'Reuse TCP connections for polls' }),
  notify: option({ parse: onOff, env: 'TERMCHAT_NOTIFY', help: 'Besides the bell, raise a desktop notification (OSC 9 or OSC 777, where the terminal shows them) for a message naming you that you did not see' }),
  noReceipts: option({ parse: onOff, env: 'TERMCHAT_NO_RECEIPTS', help: 'No read receipts: the server is not told how far you read, and you do not see who has read your messages' }),
  token: option({ arg: 'T', parse: text('a token'), env: 'TERMCHAT_TOKEN', help: 'Token the server requires: its shared one, or yours from termchat token' }),
  wireLog: option({ arg: 'FILE', parse: text('a file path'), help: "Write every network event (the wire view's) to FILE as NDJSON, one JSON object a line; the file is emptied first" }),
  // The secret of signed identities, read by the server that checks them and the command that makes them.
  jwtSecret: option({ arg: 'SECRET', parse: secret, env: 'TERMCHAT_JWT_SECRET', help: 'The secret signed identities are made and checked with (HS256), at least 32 bytes' }),
  jwtSecretFile: option({ arg: 'PATH', parse: secretFile, env: 'TERMCHAT_JWT_SECRET_FILE', help: 'The same secret, read from a file, which keeps it out of the process list' }),
  net: option({
    arg: 'CONDITION',
    parse: chatNet,
    env: 'TERMCHAT_NET',
    shownDefault: 'clean',
    help: 'The network to start in: the chat goes through a fault relay in this process, which /net changes as you chat. delay=100, delay=100±20, rate=56kbit, blackhole, down=10s, several comma-separated; off connects directly, without the relay',
  }),
};

/** The chat's /net, for the help of the commands that open the chat. */
const NET_SECTION = {
  title: 'The network, in the chat (/net)',
  text: [
    '/net                    show the condition in force',
    '/net delay MS [JITTER]  hold every chunk that long, each way: delay 100 20',
    '/net rate RATE          cap each direction: 56kbit, 1mbit, 64kB, or off',
    '/net cut                reset every connection now',
    '/net blackhole [off]    pass nothing, keeping sockets open',
    '/net down SECONDS       reset everything and refuse connections that long',
    '/net heal               clean again',
  ].join('\n'),
};

/** The largest count a bound takes: past it, a bound is no bound. */
const MAX_BOUND = 1_000_000_000;

const serveOptions = {
  port: option({ arg: 'N', parse: integer(0, 65535), env: 'TERMCHAT_PORT', default: DEFAULT_PORT, help: 'Port to listen on; 0 picks a free one' }),
  host: option({ arg: 'HOST', parse: text('an address'), env: 'TERMCHAT_HOST', default: DEFAULT_HOST, help: 'Address to bind' }),
  db: option({ arg: 'PATH', parse: text('a file path'), env: 'TERMCHAT_DB', shownDefault: 'the user data directory', help: 'SQLite history file' }),
  memory: option({ parse: onOff, env: 'TERMCHAT_MEMORY', default: false, help: 'Keep history in memory only' }),
  redis: option({ arg: 'URL', parse: redisUrl, env: 'TERMCHAT_REDIS_URL', help: 'Keep history and presence in Redis, shared with other servers using it (redis://HOST:PORT)' }),
  token: option({ arg: 'SECRET', parse: text('a token'), env: 'TERMCHAT_TOKEN', help: 'Require one shared token of every client: Authorization: Bearer SECRET or ?token=SECRET' }),
  jwtSecret: option({
    ...shared.jwtSecret,
    help: 'Require a signed identity of every client instead (termchat token makes them): an HS256 JWT whose sub is the one name it may use; at least 32 bytes',
  }),
  jwtSecretFile: option({ ...shared.jwtSecretFile, help: 'The same, the secret read from a file' }),
  allowOrigin: option({ arg: 'URL', parse: origins, env: 'TERMCHAT_ALLOW_ORIGIN', repeatable: true, default: [], help: 'Allow browser pages from URL; repeatable (the variable comma-separated), * for any' }),
  allowHost: option({
    arg: 'NAME',
    parse: hostNames,
    env: 'TERMCHAT_ALLOW_HOST',
    repeatable: true,
    default: [],
    help: "Answer requests for this host name too (besides localhost, the bind address and, bound to a public address, the machine's names); repeatable (the variable comma-separated), * for any",
  }),
  transports: option({ arg: 'LIST', parse: transportKinds, env: 'TERMCHAT_TRANSPORTS', default: new Set(TRANSPORT_KINDS), shownDefault: 'all', help: `Enable only these of ${TRANSPORT_KINDS.join(',')}` }),
  heartbeat: option({ arg: 'SECONDS', parse: decimal(0.05, 3600), env: 'TERMCHAT_HEARTBEAT', default: DEFAULT_HEARTBEAT_S, help: 'WebSocket ping interval' }),
  statsInterval: option({ arg: 'S', parse: decimal(0, 86400), env: 'TERMCHAT_STATS_INTERVAL', default: DEFAULT_STATS_INTERVAL_S, help: 'Print a stats block every S seconds; 0 turns it off' }),
  maxText: option({ arg: 'N', parse: integer(1, 60_000), env: 'TERMCHAT_MAX_TEXT', default: DEFAULT_MAX_TEXT, help: 'Longest message, in characters' }),
  rate: option({
    arg: 'N/SECONDS',
    parse: rate,
    env: 'TERMCHAT_RATE',
    default: DEFAULT_RATE,
    shownDefault: `${DEFAULT_RATE.count}/${DEFAULT_RATE.perSeconds}`,
    help: 'Send limit per user in a room, and per connection; 0 turns it off',
  }),
  addressRate: option({
    arg: 'N/SECONDS',
    parse: rate,
    env: 'TERMCHAT_ADDRESS_RATE',
    default: DEFAULT_ADDRESS_RATE,
    shownDefault: `${DEFAULT_ADDRESS_RATE.count}/${DEFAULT_ADDRESS_RATE.perSeconds}`,
    help: 'Send limit per client address, whatever names it sends as; 0 turns it off',
  }),
  namesPerAddress: option({
    arg: 'N',
    parse: integer(0, 1_000_000),
    env: 'TERMCHAT_NAMES_PER_ADDRESS',
    default: DEFAULT_NAMES_PER_ADDRESS,
    help: 'Names one client address may hold online at a time (streams and pollers), and typists it may announce per 2 s; beyond, clients work unseen; 0: no bound',
  }),
  maxConnections: option({
    arg: 'N',
    parse: integer(0, 10_000_000),
    env: 'TERMCHAT_MAX_CONNECTIONS',
    default: DEFAULT_MAX_CONNECTIONS,
    help: 'TCP connections held at most; one more is answered 503 too_many_connections; 0: no cap. Keep it under the open-file limit (ulimit -n)',
  }),
  trustProxy: option({
    parse: onOff,
    env: 'TERMCHAT_TRUST_PROXY',
    default: false,
    help: "Behind a reverse proxy: take a client's address from the last X-Forwarded-For hop and its scheme from X-Forwarded-Proto",
  }),
  maxRooms: option({
    arg: 'N',
    parse: bound(MAX_BOUND),
    env: 'TERMCHAT_MAX_ROOMS',
    default: DEFAULT_MAX_ROOMS,
    help: 'Most rooms that keep history; a send that would make one more is refused (429 too_many_rooms); 0 for no limit',
  }),
  history: option({
    arg: 'N',
    parse: bound(MAX_BOUND),
    env: 'TERMCHAT_HISTORY',
    shownDefault: `no limit; ${DEFAULT_MEMORY_HISTORY} with --memory`,
    help: 'Messages kept per room; older ones are trimmed; 0 for no limit',
  }),
  historyTtl: option({ arg: 'DURATION', parse: orZero(duration(1000, 100 * 365 * 86_400_000, 'from 1s'), 'no limit'), env: 'TERMCHAT_HISTORY_TTL', shownDefault: 'none', help: 'Trim messages older than this: 7d, 12h, 30m, 45s; 0 for no limit' }),
  noWeb: option({ parse: onOff, env: 'TERMCHAT_NO_WEB', default: false, help: 'Serve no web page at / (by default a browser chat on any of the four transports)' }),
};

export const serveCommand: Command<typeof serveOptions> = {
  name: 'serve',
  summary: 'Run a chat server: WebSocket, SSE and polling on one port',
  usage: '[options]',
  about: `One server, one port, four transports: ws, sse, longpoll and poll, and a web chat at / that speaks each of them from the browser. History is kept in SQLite, or in memory with --memory, or in Redis with --redis, where several servers share rooms, history and presence.`,
  options: serveOptions,
  examples: [
    'termchat serve',
    'termchat serve --port 0 --memory --stats-interval 0',
    'termchat serve --token s3cret --allow-origin https://chat.example.com',
    'termchat serve --host 0.0.0.0 --allow-host chat.lan --jwt-secret-file key',
    'TERMCHAT_TRANSPORTS=sse,poll termchat serve',
    'termchat serve --port 4001 --redis redis://127.0.0.1:6379',
    'termchat serve --history 5000 --history-ttl 30d --max-rooms 100',
  ],
};

const joinOptions = {
  as: shared.as,
  server: option({ ...shared.server, remember: 'server', help: 'Server to join; several instances of one chat, comma-separated, are tried in turn on reconnect' }),
  transport: option({ arg: 'KIND', parse: transportChoice, env: 'TERMCHAT_TRANSPORT', remember: 'transport', default: 'auto', help: 'ws, sse, longpoll, poll or auto (ws, then sse, longpoll, poll)' }),
  room: option({ ...shared.room, remember: 'room' }),
  rooms: option({ arg: 'LIST', parse: rooms, env: 'TERMCHAT_ROOMS', remember: 'rooms', help: `More rooms to open beside --room, comma-separated (${MAX_OPEN_ROOMS} in all at most); the rooms open when you leave are remembered` }),
  notify: shared.notify,
  noReceipts: shared.noReceipts,
  interval: shared.interval,
  keepalive: shared.keepalive,
  token: shared.token,
  net: shared.net,
  wireLog: shared.wireLog,
};

export const joinCommand: Command<typeof joinOptions> = {
  name: 'join',
  summary: 'Chat in the terminal, with live figures for the transport',
  usage: '[options]',
  about: `Chat in a terminal over the transport of your choice, with live figures for what it costs: latency, wasted polls, requests, TCP connections and bytes of overhead per message. Name, server, transport and room are remembered, so next time plain "termchat join" is enough. A flag wins over its variable, which wins over what was remembered.`,
  options: joinOptions,
  sections: [
    {
      title: 'In the chat',
      text: [
        '/help  /join ROOM  /part [ROOM]  /nick NAME  /transport KIND  /who',
        '/me ACTION  /search WORD  /time  /wire  /reconnect  /net …  /clear  /quit',
        'Tab completes names, commands and arguments · Ctrl+R searches the history',
        'Alt+1..9, Ctrl+N/P switch rooms · Alt+P/N jump between messages naming you',
        'Ctrl+O (or /wire) shows the last network events · PgUp/PgDn/Home/End scroll',
        '↑/↓ history · Ctrl+C quits',
      ].join('\n'),
    },
    NET_SECTION,
  ],
  examples: [
    'termchat join --as alice',
    'termchat join --as bob --transport longpoll --room dev',
    'termchat join --server http://chat.example.com:4000 --transport poll',
    'termchat join --as carol --net "delay=100±20,rate=56kbit"',
    'termchat join --rooms lobby,dev,ops --notify',
    'termchat join --as dave --transport sse --wire-log wire.ndjson',
  ],
};

const tokenOptions = {
  user: option({ arg: 'NAME', parse: name, help: 'The name the token lets its holder use: its sub' }),
  ttl: option({ arg: 'DURATION', parse: duration(1000, 3650 * 86_400_000, 'from 1s to 3650d'), default: 7 * 86_400_000, shownDefault: '7d', help: 'How long it is valid: 30m, 12h, 7d, 2w…' }),
  jwtSecret: option({ ...shared.jwtSecret, help: "The server's --jwt-secret" }),
  jwtSecretFile: option({ ...shared.jwtSecretFile, help: "The server's --jwt-secret-file" }),
};

export const tokenCommand: Command<typeof tokenOptions> = {
  name: 'token',
  summary: 'Make a signed identity for a server run with --jwt-secret',
  usage: '--user NAME [options]',
  about: `Prints a token (an HS256 JWT) made with the server's secret, for the operator to hand to one person: with it, termchat join --token TOKEN --as NAME connects as NAME, and as no one else. The server checks it on every transport, as Authorization: Bearer or ?token=. It expires after --ttl; make a new one then.`,
  options: tokenOptions,
  examples: ['termchat token --user alice', 'termchat token --user bob --ttl 12h --jwt-secret-file /etc/termchat/secret', 'TERMCHAT_JWT_SECRET=… termchat token --user carol --ttl 2w'],
};

const configOptions = {
  reset: option({ parse: onOff, default: false, help: 'Forget the remembered settings' }),
};

export const configCommand: Command<typeof configOptions> = {
  name: 'config',
  summary: 'Show where remembered settings live; --reset forgets them',
  usage: '[--reset]',
  about: 'Shows where termchat join keeps its remembered settings (name, server, transport and room) and what they are. TERMCHAT_CONFIG_DIR moves them.',
  options: configOptions,
  examples: ['termchat config', 'termchat config --reset'],
};

/** A bot's line every this many ms, on average, unless told otherwise. */
const everyMs = (fallback: number, help: string) => option({ arg: 'MS', parse: integer(10, 3_600_000, 'milliseconds'), default: fallback, help });

const demoOptions = {
  as: shared.as,
  transport: option({ arg: 'KIND', parse: transportChoice, default: 'ws', help: 'Your transport: ws, sse, longpoll, poll or auto' }),
  // The demo's server is its own: the variables meant for the user's server do not apply to it.
  room: option({ ...shared.room, env: undefined, help: 'Room to chat in' }),
  interval: option({ ...shared.interval, env: undefined, help: 'Your short-poll interval (poll only)' }),
  keepalive: option({ ...shared.keepalive, help: 'Reuse TCP connections for your polls' }),
  notify: option({ ...shared.notify, env: undefined }),
  noReceipts: option({ ...shared.noReceipts, env: undefined }),
  count: option({ arg: 'N', parse: integer(1, MAX_BOTS), default: 4, help: `Bots, taking ${TRANSPORT_KINDS.join(', ')} in turn` }),
  every: everyMs(6000, 'Each bot says a line this often, on average'),
  token: option({ ...shared.token, arg: 'SECRET', env: undefined, help: 'Start the server requiring this token' }),
  net: option({ ...shared.net, env: undefined, help: 'The network between you and the demo server, which /net changes as you chat (the bots connect directly): delay=100, delay=100±20, rate=56kbit, blackhole, down=10s, several comma-separated; off connects directly' }),
};

export const demoCommand: Command<typeof demoOptions> = {
  name: 'demo',
  summary: 'Try it: a server, bots on every transport, and the chat',
  usage: '[options]',
  about: `One command to see termchat: starts a server in this process on a free port (history in memory), a few scripted bots chatting in the room, one on each transport, and opens the chat joined as you. Switch transports with /transport and watch the status bar. Everything stops on quit.

It needs an interactive terminal. For bots on a server of your own, use termchat bots.`,
  options: demoOptions,
  sections: [NET_SECTION],
  examples: ['termchat demo', 'termchat demo --as alice --transport poll --interval 250', 'termchat demo --count 8 --every 2000', 'termchat demo --net delay=300'],
  elsewhere: { server: 'termchat demo starts its own server; to add bots to yours, use termchat bots --server URL' },
};

const botsOptions = {
  count: option({ arg: 'N', parse: integer(1, MAX_BOTS), default: 4, help: `How many bots, 1 to ${MAX_BOTS}` }),
  transport: option({ arg: 'LIST', parse: transportChoices, default: TRANSPORT_KINDS, help: 'ws, sse, longpoll, poll or auto; several, comma-separated, are taken in turn' }),
  every: everyMs(3000, "Mean time between a bot's lines"),
  server: shared.server,
  room: shared.room,
  as: option({ arg: 'PREFIX', parse: botPrefix, default: DEFAULT_BOT_PREFIX, help: 'Bot names start with this' }),
  interval: option({ ...shared.interval, help: 'Short-poll interval (poll bots)' }),
  keepalive: shared.keepalive,
  token: option({ ...shared.token, arg: 'SECRET' }),
};

export const botsCommand: Command<typeof botsOptions> = {
  name: 'bots',
  summary: 'Scripted chatters on any server, without a screen',
  usage: '[options]',
  about: `Runs scripted chatters against any termchat server, without a screen. Each bot is a real client, named after its transport (bot-ws-1, bot-poll-1, …), and says a line every --every ms on average while it is connected. One line per bot is printed every 10 s and on exit. Ctrl+C or SIGTERM closes every client (WebSocket 1000) and exits.`,
  options: botsOptions,
  examples: ['termchat bots', 'termchat bots --count 10 --transport poll --every 500 --interval 100', 'termchat bots --server http://127.0.0.1:4000 --room dev --transport ws'],
};

const benchOptions = {
  clients: option({ arg: 'LIST', parse: listOf(integer(1, MAX_ROOM_CONNECTIONS), 'a comma-separated list of client counts, e.g. 5,50,100'), shownDefault: '5,50,100', help: 'Clients per tier' }),
  duration: option({ arg: 'SECONDS', parse: decimal(0.5, 3600), default: benchDefaults.durationMs / 1000, help: 'Sending time per run' }),
  sendEvery: option({ arg: 'MS', parse: decimal(10, 3_600_000), default: benchDefaults.sendEveryMs, help: 'Each client sends this often' }),
  interval: option({ arg: 'MS', parse: decimal(10, 60_000), default: benchDefaults.intervalMs, help: 'Short-poll interval' }),
  transports: option({ arg: 'LIST', parse: benchTransports, shownDefault: 'all', help: 'Any of poll, poll-keepalive, longpoll, sse, ws, baseline' }),
  reps: option({ arg: 'N', parse: integer(1, 100), default: benchDefaults.reps, help: 'Repeat every run N times and compare medians (termchat and baseline interleaved)' }),
  warmup: option({ arg: 'SECONDS', parse: decimal(0, 60), default: benchDefaults.warmUpMs / 1000, help: 'Run the schedule this long first, not measured (0: time from the first message)' }),
  workers: option({ arg: 'N', parse: integer(1, 64), shownDefault: 'one per 100 clients, up to cores - 1', help: 'Client worker processes per run' }),
  json: option({ arg: 'FILE', parse: text('a path'), help: 'Write every figure and per-second series as JSON' }),
  charts: option({ arg: 'DIR', parse: text('a path'), help: 'Write the charts per tier as SVG and PNG' }),
  scale: option({ parse: onOff, default: false, help: 'Grow one room (250, 350, 500, 750, 1000 … clients, or --clients) until p99 passes --max-p99 or a delivery goes missing; termchat beside baseline' }),
  maxP99: option({ arg: 'MS', parse: decimal(1, 60_000), default: benchDefaults.maxP99Ms, help: 'Latency a room must stay under' }),
  idle: option({ arg: 'N', parse: integer(1, MAX_ROOM_CONNECTIONS), help: 'Open N idle connections: RSS per connection and connect rate' }),
  redis: option({
    arg: '[URL]',
    parse: ownOrRedisUrl,
    valueOptional: true,
    help: 'Run each tier and transport on one termchat instance and on two sharing one Redis (half the clients on each) and report what crossing instances adds to latency. Alone, it starts a redis-server of its own; with a URL it uses that Redis, in rooms of its own. No baseline, no --charts.',
  }),
  rtt: option({
    arg: 'LIST',
    parse: rttList,
    help: 'Run each tier and transport once per round trip, in ms (0,25,100), added by a relay between every client and the server: half each way, and one more for a new connection\'s first bytes (its handshake). Reports latency beside a model, requests and bytes per delivery, and what relaying cost. termchat\'s transports by default; not with --redis, --scale or --idle',
  }),
  net: option({
    arg: 'CONDITION',
    parse: benchNetFlag,
    help: 'Shape that relay, flowing conditions only: rate=RATE per connection and direction (56kbit, 1mbit, 64kB); delay=MS[±JITTER], one round trip of twice it; with --rtt, which sets the delays, jitter=MS instead. Several comma-separated',
  }),
};

export const benchCommand: Command<typeof benchOptions> = {
  name: 'bench',
  summary: 'Measure polling against WebSockets, as the study did, and more',
  usage: '[options]',
  about: `Measures polling, long polling, SSE and WebSocket side by side, as the study did: N clients in one room, each sending one message every 2 s, every message to everyone. The server runs in its own process, the clients in worker processes; a bare WebSocket broadcast server (the baseline) runs in the same bench, so termchat's overhead is a ratio. Every message must reach every connected client: missing and duplicate deliveries are counted and must be 0.`,
  options: benchOptions,
  groups: [
    { title: 'Options', keys: ['clients', 'duration', 'sendEvery', 'interval', 'transports', 'reps', 'warmup', 'workers', 'json', 'charts'] },
    { title: 'Scale and idle (WebSocket only; --transports may name ws and baseline)', keys: ['scale', 'maxP99', 'idle'] },
    { title: 'Several instances (termchat on Redis)', keys: ['redis'] },
    { title: 'Through a network (a relay in the bench\'s process)', keys: ['rtt', 'net'] },
  ],
  examples: [
    'termchat bench',
    'termchat bench --clients 5,50 --duration 5 --transports poll,ws',
    'termchat bench --reps 3 --json out/bench.json --charts out',
    'termchat bench --scale',
    'termchat bench --idle 5000',
    'termchat bench --redis --clients 5,50,100 --transports ws,sse,longpoll',
    'termchat bench --rtt 0,25,100 --clients 50',
    'termchat bench --rtt 0,100 --net rate=1mbit,jitter=10 --transports sse,ws',
    'termchat bench --net "delay=50±10" --clients 5',
  ],
};

const raceOptions = {
  server: option({ arg: 'URL', parse: server, help: 'Race on this server rather than on one of its own; stop and start it yourself to watch the reconnects' }),
  room: option({ ...shared.room, env: undefined, default: 'race', help: 'Room to race in' }),
  transports: option({ arg: 'LIST', parse: raceLanes, default: RACE_LANES, shownDefault: RACE_LANES.join(','), help: 'The columns, in order: poll-keepalive is short polling on kept-alive connections' }),
  interval: option({ ...shared.interval, env: undefined, help: 'Short-poll interval of the poll columns' }),
  bots: option({ arg: 'N', parse: integer(0, MAX_RACE_BOTS), default: 0, help: `Bots chatting in the background, 0 to ${MAX_RACE_BOTS}; /bots N changes it live` }),
  token: option({ ...shared.token, env: undefined, help: "The server's token; without --server, its own server requires it" }),
  net: option({
    ...shared.net,
    env: undefined,
    help: 'The network between the columns and the server, which /net changes for all of them at once (the sender and the bots connect directly): delay=100, delay=100±20, rate=56kbit, blackhole, down=10s, several comma-separated; off connects directly',
  }),
  wireLog: option({ ...shared.wireLog, help: "Write every column's network events to FILE as NDJSON, one JSON object a line, each with its column as source; the file is emptied first" }),
};

export const raceCommand: Command<typeof raceOptions> = {
  name: 'race',
  summary: 'The five ways of doing real time, racing on the same messages',
  usage: '[options]',
  about: `One screen, one column per way of doing real time (ws, sse, longpoll, poll, and poll on kept-alive connections), each a real client in the same room, with the figures of the chat's status bar. What you type is sent once and lands in every column; the scoreboard shows in what order and how long each took, and what a message costs each. Without --server it starts a server of its own in this process (history in memory), which /server stop and /server start stop and start.

It needs an interactive terminal.`,
  options: raceOptions,
  sections: [{ title: 'In the race', text: '/bots N  /server stop|start  /net …  /wire (or Ctrl+O)\n/focus LANE (or Tab)  /reconnect  /help  /quit (or Ctrl+C)' }, NET_SECTION],
  examples: ['termchat race', 'termchat race --bots 20', 'termchat race --transports ws,poll --interval 250', 'termchat race --net delay=100', 'termchat race --server http://127.0.0.1:4000 --room dev'],
};

const relayOptions = {
  to: option({ arg: 'URL', parse: server, help: 'The server to relay to, http(s)://host:port' }),
  listen: option({ arg: 'PORT', parse: integer(0, 65535), default: 0, shownDefault: '0, a free one', help: 'Port to listen on, on 127.0.0.1' }),
  net: option({ arg: 'CONDITION', parse: parseNetFlag, help: 'The condition to start in: delay=100, delay=100±20, rate=56kbit, blackhole, down=10s; several comma-separated' }),
};

export const relayCommand: Command<typeof relayOptions> = {
  name: 'relay',
  summary: 'A fault relay in front of a server: delay, cap, cut or blackhole',
  usage: '--to URL [options]',
  about: `Runs a TCP relay on 127.0.0.1 in front of one server, for any client pointed at the address it prints: termchat join or bots, a browser, curl. It relays bytes, so every transport passes through it unchanged, TLS included. In a terminal, one key per condition changes it (below); every change prints one line. Without a terminal it keeps the --net condition until Ctrl+C or SIGTERM.

delay holds every chunk that long each way, order kept; rate caps each direction of each connection (bit, kbit, mbit, gbit, B, kB, MB, GB a second); cut resets every connection; blackhole passes nothing, keeping sockets open; down refuses connections for a while, then comes back by itself.`,
  options: relayOptions,
  sections: [{ title: 'Keys', text: RELAY_KEYS.map(({ key, label }) => `${key}  ${label}`).join('\n') }],
  examples: ['termchat relay --to http://127.0.0.1:4000', 'termchat relay --to http://127.0.0.1:4000 --listen 4001 --net delay=100±20', 'termchat relay --to https://chat.example.com --net "delay=100,rate=56kbit"'],
};

/** Every command, in the order the main help lists them. */
export const COMMANDS: readonly Command[] = [serveCommand, joinCommand, demoCommand, raceCommand, botsCommand, benchCommand, relayCommand, tokenCommand, configCommand];

export const MAIN_EXAMPLES = [
  'termchat demo',
  'termchat serve',
  'termchat join --as alice --transport ws',
  'termchat join --as bob --transport poll',
  'termchat race --bots 20',
  'termchat bots --count 3 --transport ws --every 2000',
  'termchat bench --clients 5,50,100',
  'termchat relay --to http://127.0.0.1:4000 --net delay=100',
];
