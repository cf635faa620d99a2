import { DEFAULT_ROOM } from '../protocol/index.js';
import type { SessionOptions } from '../ui/session-options.js';
import { checkInterval, checkJoinRoom, checkName, checkServer, checkTransport, DEFAULT_SERVER, type JoinValue } from './join-values.js';
import type { StoredSettings } from './settings.js';
import { UsageError } from './usage-error.js';

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
  const pick = <T>(flag: string | undefined, flagName: string, envName: string, check: (raw: string) => JoinValue<T>): T | undefined => {
    if (flag !== undefined) return unwrap(check(flag), flagName);
    const raw = env[envName];
    return raw === undefined || raw === '' ? undefined : unwrap(check(raw), envName);
  };
  const user = pick(flags.as, '--as', 'TERMCHAT_USER', checkName) ?? stored.user;
  const server = pick(flags.server, '--server', 'TERMCHAT_SERVER', checkServer) ?? stored.server ?? DEFAULT_SERVER;
  const transport = pick(flags.transport, '--transport', 'TERMCHAT_TRANSPORT', checkTransport) ?? stored.transport ?? 'auto';
  const room = pick(flags.room, '--room', 'TERMCHAT_ROOM', checkJoinRoom) ?? stored.room ?? DEFAULT_ROOM;
  const interval = pick(flags.interval, '--interval', 'TERMCHAT_INTERVAL', checkInterval);
  // meow reports an absent boolean as false, so only "on" from either source is meaningful.
  const keepalive = flags.keepalive === true || /^(1|true|yes|on)$/i.test(env.TERMCHAT_KEEPALIVE ?? '') ? true : undefined;
  const token = flags.token ?? (env.TERMCHAT_TOKEN || undefined);
  if (token !== undefined && token === '') throw new UsageError('--token must not be empty');

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

function unwrap<T>(value: JoinValue<T>, source: string): T {
  if (!value.ok) throw new UsageError(`${source} ${value.error}`);
  return value.value;
}
