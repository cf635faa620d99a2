import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import {
  DEFAULT_ADDRESS_RATE,
  DEFAULT_HEARTBEAT_S,
  DEFAULT_HOST,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_ROOMS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_TEXT,
  DEFAULT_NAMES_PER_ADDRESS,
  DEFAULT_PORT,
  DEFAULT_RATE,
  DEFAULT_STATS_INTERVAL_S,
  TRANSPORT_KINDS,
  type TransportKind,
} from '../../protocol/index.js';

export interface RateLimit {
  readonly count: number;
  readonly perSeconds: number;
}

/** Everything `termchat serve` can be told. */
export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  /** SQLite file, `defaultDbPath()` when not given; ignored when `memory` is set. */
  readonly db?: string;
  readonly memory: boolean;
  /**
   * `redis://…`: keep history, ids, presence and the epoch in Redis, shared with every server
   * using the same Redis; `db` and `memory` are then ignored.
   */
  readonly redis?: string;
  readonly token?: string;
  /**
   * Signed identities: every client sends an HS256 JWT made with this secret (`termchat token`),
   * whose `sub` is the only name it may use; excludes `token`.
   */
  readonly jwtSecret?: string;
  readonly allowOrigins: readonly string[];
  /**
   * Host names answered for besides the loopback names, the bind address and, bound elsewhere
   * than loopback, the machine's own; `*` for any.
   */
  readonly allowHosts: readonly string[];
  readonly transports: ReadonlySet<TransportKind>;
  readonly heartbeatSeconds: number;
  /** 0 turns the periodic stats block off. */
  readonly statsIntervalSeconds: number;
  readonly maxText: number;
  /** Sends per user in a room, and per connection; undefined turns both limits off. */
  readonly rate: RateLimit | undefined;
  /** Rooms that may keep history; a send that would make one more is refused (429 too_many_rooms). undefined: no limit. */
  readonly maxRooms: number | undefined;
  /**
   * Messages kept per room, 0 for no limit. When not given: DEFAULT_MEMORY_HISTORY in memory, no
   * limit in a file or in Redis, which are on disk.
   */
  readonly history?: number;
  /** Messages older than this many ms are trimmed; undefined keeps them whatever their age. */
  readonly historyTtlMs?: number;
  /** How often history is trimmed in rooms nobody writes to and idle caches are let go, ms. */
  readonly retentionSweepMs: number;
  /** Sends per client address, whatever names they carry; undefined turns the limit off. */
  readonly addressRate: RateLimit | undefined;
  /**
   * Presence entries one client address may hold online at a time (each named stream, each name
   * a poller polls as), and typists it may announce per typing interval; 0: no bound.
   */
  readonly namesPerAddress: number;
  /**
   * The server stands behind a reverse proxy: a client's address is the last hop of
   * X-Forwarded-For (the one the proxy appended) and its scheme X-Forwarded-Proto's.
   */
  readonly trustProxy: boolean;
  readonly maxBufferedBytes: number;
  /** TCP connections held at most; one more is answered 503 `too_many_connections`. 0: no cap. */
  readonly maxConnections: number;
  /** A request's headers must have come within this, ms, else 408 `request_timeout`. */
  readonly headersTimeoutMs: number;
  /** A request, headers and body, must have come within this, ms, else 408 `request_timeout`. */
  readonly requestTimeoutMs: number;
  /**
   * After the server closes a WebSocket (1013 slow reader, 1008, 1011, 1001), how long the peer has
   * to answer the close frame before the socket is destroyed, ms. ws's own wait is 30 s, and a
   * slow reader, which cannot even read the close frame, would keep its unread buffer that long.
   */
  readonly closeGraceMs: number;
  /** The built web page's folder (defaultWebRoot()), served at `/`; none when undefined. */
  readonly webRoot?: string;
  /** Where the stats block and start-up lines go. */
  readonly log: (line: string) => void;
  /** The clock used for serverAt, rate limits and presence; injected by tests. */
  readonly now: () => number;
}

export const defaultServerOptions: ServerOptions = {
  port: DEFAULT_PORT,
  host: DEFAULT_HOST,
  memory: false,
  allowOrigins: [],
  allowHosts: [],
  transports: new Set(TRANSPORT_KINDS),
  heartbeatSeconds: DEFAULT_HEARTBEAT_S,
  statsIntervalSeconds: DEFAULT_STATS_INTERVAL_S,
  maxText: DEFAULT_MAX_TEXT,
  rate: DEFAULT_RATE,
  maxRooms: DEFAULT_MAX_ROOMS,
  retentionSweepMs: 60_000,
  addressRate: DEFAULT_ADDRESS_RATE,
  namesPerAddress: DEFAULT_NAMES_PER_ADDRESS,
  trustProxy: false,
  maxBufferedBytes: DEFAULT_MAX_BUFFERED_BYTES,
  maxConnections: DEFAULT_MAX_CONNECTIONS,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  closeGraceMs: 1000,
  log: (line) => console.log(line),
  now: Date.now,
};

/** Where history lives when `--db` is not given: the user's data directory. */
export function defaultDbPath(): string {
  return join(envPaths('termchat', { suffix: '' }).data, 'history.db');
}

/**
 * Where the built web page is: dist/page of the package this file belongs to, found by walking up
 * to its package.json, so that it holds whether the server runs from src, from dist or bundled.
 */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'page');
}
