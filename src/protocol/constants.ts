/** Wire protocol version; the WebSocket subprotocol carries it. */
export const PROTOCOL_VERSION = 1;
export const WS_SUBPROTOCOL = 'termchat.v1';

export const DEFAULT_ROOM = 'lobby';
export const ROOM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const USER_MAX_LENGTH = 32;
export const CLIENT_ID_MAX_LENGTH = 64;

/** Most messages one GET /messages answer carries; `hasMore` says when it was cut. */
export const PAGE_LIMIT = 500;
/**
 * Most bytes of messages (their JSON, in UTF-8) one page carries, whatever their count: 500 texts
 * of characters JSON escapes to six bytes each would make a page of some 11 MiB. A message larger
 * than this alone still makes a page of one; `hasMore` says when a page was cut.
 */
export const PAGE_MAX_BYTES = 1024 * 1024;
/** Longest a long poll may be held. */
export const MAX_WAIT_MS = 60_000;
/** Largest HTTP body or WebSocket frame the server reads. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** SSE keep-alive comments come at least this often, whatever the heartbeat: proxies time idle streams out. */
export const SSE_KEEPALIVE_MAX_MS = 15_000;
/** Reconnect delay the server suggests to EventSource clients (SSE `retry:`). */
export const SSE_RETRY_MS = 1_000;
/** Longest reconnect delay a stream may ask for (`retry=MS`): an EventSource's own retry, drawn by its client. */
export const SSE_MAX_RETRY_MS = 60_000;
/**
 * A client repeats its typing signal at most this often while its user types; receivers show a
 * name for twice as long, so a steady typist stays shown between two signals, and one lost signal
 * does not blink the name off.
 */
export const TYPING_INTERVAL_MS = 2_000;

/** A connection's unread backlog past this is closed with 1013 rather than buffered. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = '127.0.0.1';
/**
 * The server's heartbeat: how often a WebSocket hears a ping (or a pong) and an SSE stream a
 * keep-alive, and the longest a client's long poll is held. A client calls a link dead after a
 * heartbeat and a grace of silence, so this sets how soon a dead link is noticed: two heartbeats.
 */
export const DEFAULT_HEARTBEAT_S = 5;
export const DEFAULT_STATS_INTERVAL_S = 5;
export const DEFAULT_MAX_TEXT = 4000;
export const DEFAULT_RATE = { count: 30, perSeconds: 10 } as const;
/** Rooms a server keeps history for unless told otherwise: generous for a team, a bound for anyone else. */
export const DEFAULT_MAX_ROOMS = 10_000;
/** Messages a room keeps in a `--memory` server unless told otherwise: memory is what it runs out of. */
export const DEFAULT_MEMORY_HISTORY = 1000;
/** Sends per client address, whatever names they carry: ten users' worth of DEFAULT_RATE. */
export const DEFAULT_ADDRESS_RATE = { count: 300, perSeconds: 10 } as const;
/** TCP connections a server holds at most unless told otherwise. */
export const DEFAULT_MAX_CONNECTIONS = 10_000;
/** Presence entries one client address may hold online at a time. */
export const DEFAULT_NAMES_PER_ADDRESS = 32;

/** Names of the four transports, as used by `--transports` and in presence and metrics. */
export const TRANSPORT_KINDS = ['ws', 'sse', 'longpoll', 'poll'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];
