import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ErrorCode, type ReadPosition } from '../protocol/index.js';
import { debug } from './base/log.js';
import { defaultServerOptions, type ServerOptions } from './base/options.js';
import { createRequestHandler } from './http/router.js';
import { WebPage } from './http/web-page.js';
import { ServerMetrics } from './metrics/metrics.js';
import { formatStatsBlock } from './metrics/stats-block.js';
import { openBackend } from './open-backend.js';
import { Guard, normaliseOrigins } from './request/guard.js';
import { allowedHosts } from './request/hosts.js';
import type { Backend } from './room/backend.js';
import type { ServerContext, StreamKind } from './room/context.js';
import { heartbeatMs } from './room/heartbeat.js';
import { Hub } from './room/hub.js';
import { PresenceQuota } from './room/presence-quota.js';
import { ReadPositions } from './room/read-positions.js';
import { ReadQuota } from './room/read-quota.js';
import { RateLimiter } from './room/rate-limiter.js';
import { SendLimits } from './room/send-limits.js';
import { Sweeper } from './room/sweeper.js';
import type { HistoryStore } from './store/history-store.js';
import { endWithError } from './wire/raw-response.js';
import { createUpgradeHandler } from './ws/upgrade.js';

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly store: HistoryStore;
  readonly metrics: ServerMetrics;
  /** Where history is kept: a file path, "memory", or the Redis URL (password hidden). */
  readonly storage: string;
  /** Graceful shutdown: stop accepting, close sockets with 1001, end streams, answer long polls, close the store. */
  close(): Promise<void>;
}

const SWEEP_MS = 1000;
/** How often Node looks for requests whose headers or body are late, at most. */
const CHECK_TIMEOUTS_MS = 1000;

/**
 * A request Node could not read: too slow (headers or body past their time: 408), or not HTTP
 * (400). Answered as Node would, with the protocol's `{error, code}` body, unless a response has
 * begun on the connection.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || response?.headersSent === true) return void socket.destroy();
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') endWithError(socket, 408, ErrorCode.requestTimeout, 'the request took too long: its headers and body must come within the server\'s time (docs/protocol.md, Limits)');
  else endWithError(socket, 400, ErrorCode.badRequest, 'the request is not HTTP the server can read');
}

/** The send limits; the per-user one is shared through the backend when it can be (several instances on one Redis). */
function sendLimits(options: ServerOptions, backend: Backend): SendLimits {
  const { rate, addressRate, now } = options;
  const windowMs = rate === undefined ? 0 : rate.perSeconds * 1000;
  const byUser = rate === undefined ? undefined : (backend.sharedLimiter?.(rate.count, windowMs, now) ?? new RateLimiter(rate.count, windowMs, now));
  return new SendLimits(rate, byUser, addressRate, now);
}

/** What a server can be given besides its options. */
export interface ServerParts {
  /**
   * A history the caller made and keeps, instead of one the server opens and closes: it outlives
   * the server, so that a server started again on it has the same epoch and ids (termchat race's
   * own server, stopped and started). Its `storage` reads "memory".
   */
  readonly store?: HistoryStore;
}

/** Starts a termchat server; resolves once it listens. */
export async function startServer(overrides: Partial<ServerOptions> = {}, parts: ServerParts = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...defaultServerOptions, ...overrides };
  if (options.token !== undefined && options.jwtSecret !== undefined) throw new Error('token and jwtSecret exclude each other: a server takes either one shared token or signed identities');
  // jose is loaded only when identities are asked for.
  const identities = options.jwtSecret === undefined ? undefined : await (await import('./request/identity.js')).Identities.open(options.jwtSecret, options.now);
  const page = options.webRoot === undefined ? undefined : await WebPage.load(options.webRoot);
  const hub = new Hub();
  // The backend may report a reset before ctx exists; there are no connections to restart then.
  let reset = (): void => {};
  // Positions moved here are told to every instance's listeners through the bus, which exists only once the backend does.
  let tellReads = (_room: string, _reads: readonly ReadPosition[]): void => {};
  const reads = new ReadPositions((room, moved) => tellReads(room, moved), options.now);
  const backend = await openBackend(
    options,
    {
      hub,
      onHistoryReset: () => reset(),
      onReads: (room, learnt) => {
        reads.learn(room, learnt);
        hub.reads(room, learnt);
      },
    },
    parts.store,
  );
  tellReads = (room, moved) => backend.bus.reads(room, moved);
  const { store, storage } = backend;
  const limits = sendLimits(options, backend);
  const quota = options.namesPerAddress > 0 ? new PresenceQuota(options.namesPerAddress, options.now) : undefined;
  const readQuota = new ReadQuota(options.namesPerAddress, options.now);
  const ctx: ServerContext = {
    options,
    store,
    hub,
    bus: backend.bus,
    presence: backend.presence,
    reads,
    readQuota,
    problem: () => backend.problem(),
    metrics: new ServerMetrics(),
    limits,
    quota,
    sweeper: new Sweeper(
      SWEEP_MS,
      () => {
        backend.presence.sweep();
        limits.sweep();
        quota?.sweep();
        readQuota.sweep();
      },
      () => backend.presence.expiring || limits.expiring || quota?.expiring === true || readQuota.expiring,
    ),
    typingSeen: new Map(),
    subscriptions: new Set(),
    page,
    connections: { open: 0 },
    shutdown: { closing: false },
  };
  reset = () => startOver(ctx);
  const guard = new Guard({
    token: options.token,
    identities,
    origins: normaliseOrigins(options.allowOrigins),
    hosts: allowedHosts(options.host, options.allowHosts),
    trustProxy: options.trustProxy,
  });
  const server = createServer(
    {
      noDelay: true,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      // Node looks for requests past their time with one timer for all connections, every this often.
      connectionsCheckingInterval: Math.min(CHECK_TIMEOUTS_MS, options.headersTimeoutMs / 4),
    },
    createRequestHandler(ctx, guard),
  );
  server.on('upgrade', createUpgradeHandler(ctx, guard));
  server.on('connection', () => ctx.metrics.tcpConnections.inc());
  if (options.maxConnections > 0) {
    // Counted only under a cap: a listener more on every socket costs each connection memory.
    // One listener for every socket's close, not a closure per connection.
    const closed = (): void => void ctx.connections.open--;
    server.on('connection', (socket: Socket) => {
      ctx.connections.open++;
      socket.on('close', closed);
    });
  }
  server.on('clientError', answerClientError);

  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await backend.close();
    throw error;
  }
  const timers = startSweeps(ctx);
  ctx.sweeper.arm();
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutdown(ctx, server, timers, backend.close));
  return { url: `http://${host}:${port}`, port, store, metrics: ctx.metrics, storage, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** One timer per job for all connections, never one per connection. */
function startSweeps(ctx: ServerContext): NodeJS.Timeout[] {
  const { options } = ctx;
  const beat = (kind: StreamKind) => () => {
    for (const subscription of ctx.subscriptions) if (subscription.kind === kind) subscription.heartbeat();
  };
  // A timer per kind, their periods differing: a stream's keep-alive may not wait past SSE_KEEPALIVE_MAX_MS.
  const timers = [setInterval(beat('ws'), heartbeatMs(options, 'ws')), setInterval(beat('sse'), heartbeatMs(options, 'sse'))];
  timers.push(setInterval(maintainer(ctx), options.retentionSweepMs));
  if (options.statsIntervalSeconds > 0) {
    let previous = ctx.metrics.snapshot();
    timers.push(
      setInterval(() => {
        const current = ctx.metrics.snapshot();
        void Promise.all([previous, current]).then(([a, b]) => options.log(formatStatsBlock(a, b, options.statsIntervalSeconds)));
        previous = current;
      }, options.statsIntervalSeconds * 1000),
    );
  }
  for (const timer of timers) timer.unref();
  return timers;
}

/**
 * The store's upkeep: history trimmed in rooms nobody writes to, caches nobody uses let go. One
 * round at a time; a round that fails (the store cannot serve now) is simply tried again next time.
 */
function maintainer(ctx: ServerContext): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    ctx.store
      .maintain(ctx.options.now())
      .catch((error: unknown) => debug.store('maintenance failed: %s', (error as Error).message))
      .finally(() => (running = false));
  };
}

/**
 * The history began anew under a new epoch (a shared Redis lost its data): ids start again from 1,
 * so every live connection is ended for its client to reconnect, see the new epoch in `welcome`
 * and start over; held long polls answer at once, carrying the new epoch.
 */
function startOver(ctx: ServerContext): void {
  ctx.options.log(`history was reset: new epoch ${ctx.store.epoch}; clients are told to start over`);
  ctx.reads.clear();
  for (const subscription of [...ctx.subscriptions]) subscription.restart('history was reset: reconnect and start again from since=0');
  ctx.hub.wakeAll();
}

async function shutdown(ctx: ServerContext, server: Server, timers: NodeJS.Timeout[], closeBackend: () => Promise<void>): Promise<void> {
  ctx.shutdown.closing = true;
  for (const timer of timers) clearInterval(timer);
  ctx.reads.stop();
  ctx.sweeper.stop();
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  ctx.hub.wakeAll();
  await Promise.all([...ctx.subscriptions].map((subscription) => subscription.shutdown()));
  // Long polls woken above answer after a store read; give them that turn, then drop what is left.
  await new Promise((resolve) => setImmediate(resolve));
  server.closeAllConnections();
  await stopped;
  await closeBackend();
}
