import { DEFAULT_ROOM } from '../protocol/index.js';
import type { SessionOptions } from '../ui/session-options.js';
import { flagOrEnv, keepaliveFrom, tokenFrom } from './flag-value.js';
import { checkInterval, checkJoinRoom, checkName, checkServers, checkTransport, DEFAULT_SERVER } from './join-values.js';
import type { StoredSettings } from './settings.js';

/** `termchat join` flags as meow parsed them (numbers as strings, so a bad value is reported as typed). */
export interface JoinFlags {
  readonly as?: string | undefined;
  readonly server?: string | undefined;
  readonly transport?: string | undefined;
  readonly room?: string | undefined;
  readonly interval?: string | undefined;
  readonly keepalive?: boolean | undefined;
  readonly token?: string | undefined;
}

/** What to connect with, and which of it came from flags and should be remembered. */
export interface JoinPlan {
  readonly options: SessionOptions;
  readonly remember: StoredSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Resolves join options: a flag wins, then its TERMCHAT_* variable, then the remembered setting,
 * then the default. A bad flag or variable throws a UsageError naming what is allowed; a name
 * that is missing everywhere is not an error (the UI asks for it).
 */
export function resolveJoinOptions(flags: JoinFlags, stored: StoredSettings, env: Env): JoinPlan {
  const user = flagOrEnv(flags.as, '--as', env, 'TERMCHAT_USER', checkName) ?? stored.user;
  const server = flagOrEnv(flags.server, '--server', env, 'TERMCHAT_SERVER', checkServers) ?? stored.server ?? DEFAULT_SERVER;
  const transport = flagOrEnv(flags.transport, '--transport', env, 'TERMCHAT_TRANSPORT', checkTransport) ?? stored.transport ?? 'auto';
  const room = flagOrEnv(flags.room, '--room', env, 'TERMCHAT_ROOM', checkJoinRoom) ?? stored.room ?? DEFAULT_ROOM;
  const interval = flagOrEnv(flags.interval, '--interval', env, 'TERMCHAT_INTERVAL', checkInterval);
  const keepalive = keepaliveFrom(flags.keepalive, env);
  const token = tokenFrom(flags.token, env);

  const remember: StoredSettings = {
    ...(flags.as === undefined ? {} : { user }),
    ...(flags.server === undefined ? {} : { server }),
    ...(flags.transport === undefined ? {} : { transport }),
    ...(flags.room === undefined ? {} : { room }),
  };
  return {
    options: {
      server,
      room,
      transport,
      ...(user === undefined ? {} : { user }),
      ...(interval === undefined ? {} : { interval }),
      ...(keepalive === undefined ? {} : { keepalive }),
      ...(token === undefined ? {} : { token }),
    },
    remember,
  };
}
