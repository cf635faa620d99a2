import type { JoinValue } from './join-values.js';
import { UsageError } from './usage-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A flag's checked value, else its TERMCHAT_* variable's, else undefined. A bad value throws a
 * UsageError that names where it came from (`--room must be …` or `TERMCHAT_ROOM must be …`).
 */
export function flagOrEnv<T>(flag: string | undefined, flagName: string, env: Env, envName: string | undefined, check: (raw: string) => JoinValue<T>): T | undefined {
  if (flag !== undefined) return unwrap(check(flag), flagName);
  const raw = envName === undefined ? undefined : env[envName];
  return raw === undefined || raw === '' ? undefined : unwrap(check(raw), envName!);
}

/** --keepalive or TERMCHAT_KEEPALIVE=1/true/yes/on; meow reports an absent boolean as false, so only "on" counts. */
export function keepaliveFrom(flag: boolean | undefined, env: Env): true | undefined {
  return flag === true || /^(1|true|yes|on)$/i.test(env.TERMCHAT_KEEPALIVE ?? '') ? true : undefined;
}

/** --token or TERMCHAT_TOKEN; an empty --token is a mistake rather than "no token". */
export function tokenFrom(flag: string | undefined, env: Env): string | undefined {
  if (flag === '') throw new UsageError('--token must not be empty');
  return flag ?? (env.TERMCHAT_TOKEN || undefined);
}

export function unwrap<T>(value: JoinValue<T>, source: string): T {
  if (!value.ok) throw new UsageError(`${source} ${value.error}`);
  return value.value;
}
