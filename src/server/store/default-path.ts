import { join } from 'node:path';
import envPaths from 'env-paths';

/** Where history lives when `--db` is not given: the user's data directory. */
export function defaultDbPath(): string {
  return join(envPaths('termchat', { suffix: '' }).data, 'history.db');
}
