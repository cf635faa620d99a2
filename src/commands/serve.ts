import { DEFAULT_ROOM, TRANSPORT_KINDS, type TransportKind } from '../protocol/index.js';
import { defaultDbPath, defaultWebRoot, type ServerOptions } from '../server/base/options.js';
import { PageStartError, StoreStartError } from '../server/base/errors.js';
import { startServer, type RunningServer } from '../server/server.js';
import { serveCommand } from './catalog.js';
import { readCommandLine, StartError, UsageError, type Env } from './flags.js';
import { identitySecret } from './values.js';

/** Turns the command line and environment into server options, or throws a UsageError naming what is allowed. */
export function resolveServeOptions(args: readonly string[], env: Env): Partial<ServerOptions> {
  const { values } = readCommandLine(serveCommand, args, env);
  const { memory, db, redis } = values;
  if (memory && db !== undefined) throw new UsageError('--memory and --db exclude each other: history is either in memory or in a file');
  if (redis !== undefined && (memory || db !== undefined)) throw new UsageError(`--redis and ${memory ? '--memory' : '--db'} exclude each other: with Redis, history is kept in Redis`);
  const jwtSecret = identitySecret(values.jwtSecret, values.jwtSecretFile);
  if (jwtSecret !== undefined && values.token !== undefined) {
    throw new UsageError('--token and --jwt-secret exclude each other: clients share one token, or each has a signed one (termchat token), not both');
  }
  return {
    port: values.port,
    host: values.host,
    memory,
    ...(db === undefined ? {} : { db }),
    ...(redis === undefined ? {} : { redis }),
    ...(values.token === undefined ? {} : { token: values.token }),
    ...(jwtSecret === undefined ? {} : { jwtSecret }),
    allowOrigins: values.allowOrigin,
    allowHosts: values.allowHost,
    transports: values.transports,
    heartbeatSeconds: values.heartbeat,
    statsIntervalSeconds: values.statsInterval,
    maxText: values.maxText,
    rate: values.rate,
    maxRooms: values.maxRooms === 0 ? undefined : values.maxRooms,
    ...(values.history === undefined ? {} : { history: values.history }),
    ...(values.historyTtl === undefined || values.historyTtl === 0 ? {} : { historyTtlMs: values.historyTtl }),
    addressRate: values.addressRate,
    namesPerAddress: values.namesPerAddress,
    maxConnections: values.maxConnections,
    trustProxy: values.trustProxy,
    ...(values.noWeb ? {} : { webRoot: defaultWebRoot() }),
  };
}

/** Exit is forced if a graceful shutdown has not finished by then. */
const SHUTDOWN_DEADLINE_MS = 2000;

/** Runs `termchat serve` until SIGINT/SIGTERM. */
export async function runServe(args: readonly string[], env: Env, version: string): Promise<void> {
  const options = resolveServeOptions(args, env);
  const server = await startServer(options).catch((error: unknown) => {
    if (error instanceof StoreStartError || error instanceof PageStartError) throw new StartError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      throw new StartError(`cannot use the history file ${options.db ?? defaultDbPath()}: ${(error as Error).message}`);
    }
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new StartError(`cannot listen: ${(error as Error).message}`);
    throw error;
  });
  const enabled = options.transports ?? new Set(TRANSPORT_KINDS);
  console.log(`termchat ${version} listening on ${server.url}`);
  if (options.webRoot !== undefined) console.log(`  web       ${server.url}/`);
  console.log(`  history   ${describeStorage(server.storage, options.redis !== undefined)}`);
  if (options.token !== undefined) console.log('  auth      token required (Authorization: Bearer T or ?token=T)');
  if (options.jwtSecret !== undefined) console.log("  auth      signed identities required: each client's token names the one user it may be (termchat token --user NAME)");
  for (const kind of TRANSPORT_KINDS) if (enabled.has(kind)) console.log(`  ${kind.padEnd(9)} ${clientUrl(server, kind)}`);
  console.log(`  send      POST ${server.url}/messages?room=${DEFAULT_ROOM}  {"user":"NAME","text":"hi"}`);
  console.log(`  metrics   ${server.url}/metrics`);
  stopOnSignals(server);
}

function describeStorage(storage: string, redis: boolean): string {
  if (redis) return `${storage} (Redis, shared with every server using it)`;
  return storage === 'memory' ? 'in memory (lost when the server stops)' : `${storage} (SQLite)`;
}

function clientUrl(server: RunningServer, kind: TransportKind): string {
  const room = `room=${DEFAULT_ROOM}`;
  switch (kind) {
    case 'ws':
      return `${server.url.replace(/^http/, 'ws')}/ws?${room}&user=NAME`;
    case 'sse':
      return `${server.url}/events?${room}`;
    case 'longpoll':
      return `${server.url}/messages?${room}&since=0&wait=25000`;
    case 'poll':
      return `${server.url}/messages?${room}&since=0`;
  }
}

function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: shutting down`);
    setTimeout(() => {
      console.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
