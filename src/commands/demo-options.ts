import { DEFAULT_ROOM, TRANSPORT_KINDS } from '../protocol/index.js';
import type { TransportChoice } from '../transports/types.js';
import type { SessionOptions } from '../ui/session-options.js';
import { checkCount, checkEvery } from './bots-values.js';
import { flagOrEnv, keepaliveFrom, tokenFrom } from './flag-value.js';
import { checkInterval, checkJoinRoom, checkName, checkTransport } from './join-values.js';
import { UsageError } from './usage-error.js';

/** `termchat demo` flags as meow parsed them. */
export interface DemoFlags {
  readonly as?: string | undefined;
  readonly transport?: string | undefined;
  readonly room?: string | undefined;
  readonly interval?: string | undefined;
  readonly keepalive?: boolean | undefined;
  readonly count?: string | undefined;
  readonly every?: string | undefined;
  readonly token?: string | undefined;
  readonly server?: string | undefined;
}

/** What the demo starts: the user's side (server filled in once it listens) and the bots'. */
export interface DemoPlan {
  readonly user: string | undefined;
  readonly transport: TransportChoice;
  readonly room: string;
  readonly interval: number | undefined;
  readonly keepalive: true | undefined;
  readonly token: string | undefined;
  readonly bots: { readonly count: number; readonly everyMs: number; readonly transports: readonly TransportChoice[] };
}

export const DEMO_DEFAULTS = { transport: 'ws', count: 4, everyMs: 6000 } as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Resolves `termchat demo` flags. The name may also come from TERMCHAT_USER or what join
 * remembered; nothing else is taken from join's settings, since the demo's server is its own.
 */
export function resolveDemoOptions(flags: DemoFlags, rememberedUser: string | undefined, env: Env): DemoPlan {
  if (flags.server !== undefined) throw new UsageError('--server does not apply: termchat demo starts its own server; to add bots to yours, use termchat bots --server URL');
  const user = flagOrEnv(flags.as, '--as', env, 'TERMCHAT_USER', checkName) ?? rememberedUser;
  return {
    user,
    transport: flagOrEnv(flags.transport, '--transport', env, undefined, checkTransport) ?? DEMO_DEFAULTS.transport,
    room: flagOrEnv(flags.room, '--room', env, undefined, checkJoinRoom) ?? DEFAULT_ROOM,
    interval: flagOrEnv(flags.interval, '--interval', env, undefined, checkInterval),
    keepalive: keepaliveFrom(flags.keepalive, env),
    // Only the flag: a TERMCHAT_TOKEN meant for the user's own server would lock the demo's for no reason.
    token: tokenFrom(flags.token, {}),
    bots: {
      count: flagOrEnv(flags.count, '--count', env, undefined, checkCount) ?? DEMO_DEFAULTS.count,
      everyMs: flagOrEnv(flags.every, '--every', env, undefined, checkEvery) ?? DEMO_DEFAULTS.everyMs,
      transports: TRANSPORT_KINDS,
    },
  };
}

/** The user's session options once the demo server listens at `server`. */
export function demoSession(plan: DemoPlan, server: string): SessionOptions {
  return {
    server,
    room: plan.room,
    transport: plan.transport,
    ...(plan.user === undefined ? {} : { user: plan.user }),
    ...(plan.interval === undefined ? {} : { interval: plan.interval }),
    ...(plan.keepalive === undefined ? {} : { keepalive: plan.keepalive }),
    ...(plan.token === undefined ? {} : { token: plan.token }),
  };
}
