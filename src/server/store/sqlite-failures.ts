import { UnavailableError } from '../base/errors.js';

/**
 * SQLite's primary result codes that mean the file cannot serve now — locked by another process,
 * full, read-only, unreadable — rather than a bug of ours. The extended codes (SQLITE_BUSY_SNAPSHOT,
 * SQLITE_IOERR_WRITE…) share their primary code's meaning.
 */
const WHY: Readonly<Record<string, string>> = {
  SQLITE_BUSY: 'is locked by another process',
  SQLITE_LOCKED: 'is locked by another process',
  SQLITE_FULL: 'is full (no room left on its disk)',
  SQLITE_READONLY: 'is read-only',
  SQLITE_IOERR: 'cannot be read or written',
  SQLITE_CANTOPEN: 'cannot be opened',
  SQLITE_PERM: 'may not be written',
  SQLITE_PROTOCOL: 'is locked by another process',
  SQLITE_NOMEM: 'cannot be used: out of memory',
  SQLITE_CORRUPT: 'is damaged',
  SQLITE_NOTADB: 'is not a database',
};

const primaryCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code.split('_', 2).join('_') : undefined;
};

/** Whether SQLite refused because another connection holds a lock: worth trying again shortly. */
export function isBusy(error: unknown): boolean {
  const code = primaryCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * What a failed read or write of the history file turns into: an UnavailableError when the file
 * cannot serve now (answered 503 with Retry-After, nothing stored, the sender retries); anything
 * else, a constraint or a malformed statement, is a bug and passes unchanged.
 */
export function storeFailure(error: unknown): Error {
  const why = WHY[primaryCode(error) ?? ''];
  if (why === undefined) return error as Error;
  return new UnavailableError(`the history file ${why} (${(error as Error).message})`, { cause: error });
}
