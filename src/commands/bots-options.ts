import type { BotConnection } from '../bots/fleet.js';
import { DEFAULT_BOT_PREFIX } from '../bots/names.js';
import { DEFAULT_ROOM, TRANSPORT_KINDS } from '../protocol/index.js';
import type { TransportChoice } from '../transports/types.js';
import { checkCount, checkEvery, checkPrefix, checkTransportList } from './bots-values.js';
import { flagOrEnv, keepaliveFrom, tokenFrom } from './flag-value.js';
import { checkInterval, checkJoinRoom, checkServers, DEFAULT_SERVER } from './join-values.js';

/** `termchat bots` flags as meow parsed them (numbers as strings, so a bad value is reported as typed). */
export interface BotsFlags {
  readonly count?: string | undefined;
  readonly transport?: string | undefined;
  readonly every?: string | undefined;
  readonly server?: string | undefined;
  readonly room?: string | undefined;
  readonly as?: string | undefined;
  readonly interval?: string | undefined;
  readonly keepalive?: boolean | undefined;
  readonly token?: string | undefined;
}

/** What `termchat bots` runs. */
export interface BotsPlan {
  readonly count: number;
  readonly transports: readonly TransportChoice[];
  readonly everyMs: number;
  readonly prefix: string;
  readonly connection: BotConnection;
}

export const BOTS_DEFAULTS = { count: 4, everyMs: 3000, transports: TRANSPORT_KINDS } as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Resolves `termchat bots` flags: a flag wins, then the TERMCHAT_* variable join also reads
 * (server, room, interval, keepalive, token), then the default. Remembered join settings are not
 * used: bots go where they are told. A bad value throws a one-line UsageError.
 */
export function resolveBotsOptions(flags: BotsFlags, env: Env): BotsPlan {
  const count = flagOrEnv(flags.count, '--count', env, undefined, checkCount) ?? BOTS_DEFAULTS.count;
  const transports = flagOrEnv(flags.transport, '--transport', env, undefined, checkTransportList) ?? BOTS_DEFAULTS.transports;
  const everyMs = flagOrEnv(flags.every, '--every', env, undefined, checkEvery) ?? BOTS_DEFAULTS.everyMs;
  const prefix = flagOrEnv(flags.as, '--as', env, undefined, checkPrefix) ?? DEFAULT_BOT_PREFIX;
  const server = flagOrEnv(flags.server, '--server', env, 'TERMCHAT_SERVER', checkServers) ?? DEFAULT_SERVER;
  const room = flagOrEnv(flags.room, '--room', env, 'TERMCHAT_ROOM', checkJoinRoom) ?? DEFAULT_ROOM;
  const interval = flagOrEnv(flags.interval, '--interval', env, 'TERMCHAT_INTERVAL', checkInterval);
  const keepalive = keepaliveFrom(flags.keepalive, env);
  const token = tokenFrom(flags.token, env);
  return {
    count,
    transports,
    everyMs,
    prefix,
    connection: {
      server,
      room,
      ...(interval === undefined ? {} : { interval }),
      ...(keepalive === undefined ? {} : { keepalive }),
      ...(token === undefined ? {} : { token }),
    },
  };
}
