import { mintToken } from '../server/request/identity.js';
import { tokenCommand } from './catalog.js';
import { readCommandLine, UsageError, type Env } from './flags.js';
import { identitySecret } from './values.js';

/** What `termchat token` signs. */
export interface TokenPlan {
  readonly user: string;
  readonly ttlMs: number;
  readonly secret: string;
}

/** Resolves `termchat token`'s options; the name and the secret are required. */
export function resolveTokenOptions(args: readonly string[], env: Env): TokenPlan {
  const { user, ttl, jwtSecret, jwtSecretFile } = readCommandLine(tokenCommand, args, env).values;
  if (user === undefined) throw new UsageError('--user is required: the name the token lets its holder use');
  const secret = identitySecret(jwtSecret, jwtSecretFile);
  if (secret === undefined) throw new UsageError("a secret is required: the server's, as --jwt-secret SECRET or --jwt-secret-file PATH (or TERMCHAT_JWT_SECRET, TERMCHAT_JWT_SECRET_FILE)");
  return { user, ttlMs: ttl, secret };
}

/** Runs `termchat token`: prints one token, alone on its line, for scripts to take. */
export async function runToken(args: readonly string[], env: Env, print: (line: string) => void = console.log): Promise<void> {
  const plan = resolveTokenOptions(args, env);
  print(await mintToken(plan.secret, plan.user, plan.ttlMs));
}
