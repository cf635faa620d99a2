import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/server/base/errors.js';
import { storeFailure } from '../../src/server/store/sqlite-failures.js';
import { tempDir } from '../helpers/server.js';

function errorOf(run: () => unknown): Error & { code: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('it did not fail');
}

describe('storeFailure', () => {
  it('makes a busy, full or read-only file unavailable, with a sentence saying which, and leaves a bug a bug', () => {
    const path = join(tempDir(), 'x.db');
    const db = new Database(path);
    db.exec("CREATE TABLE t (x TEXT UNIQUE); INSERT INTO t VALUES ('a')");
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    const readOnly = new Database(path, { readonly: true });
    try {
      db.exec('BEGIN IMMEDIATE');
      const busy = errorOf(() => other.exec("INSERT INTO t VALUES ('b')"));
      db.exec('ROLLBACK');
      const readonly = errorOf(() => readOnly.exec("INSERT INTO t VALUES ('c')"));
      const constraint = errorOf(() => db.exec("INSERT INTO t VALUES ('a')"));
      // The file may grow no more: the disk is full, as far as SQLite can tell.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const full = errorOf(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)));
      expect([busy.code, full.code, readonly.code, constraint.code]).toEqual(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_CONSTRAINT_UNIQUE']);

      for (const [error, says] of [
        [busy, /locked by another process/],
        [full, /full/],
        [readonly, /read-only/],
      ] as const) {
        const failure = storeFailure(error);
        expect(failure).toBeInstanceOf(UnavailableError);
        expect(failure.message).toMatch(says);
        expect(failure.cause).toBe(error);
      }
      expect(storeFailure(constraint)).toBe(constraint);
    } finally {
      for (const connection of [readOnly, other, db]) connection.close();
    }
  });
});
