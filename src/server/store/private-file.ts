import { closeSync, openSync } from 'node:fs';

/**
 * Creates `path` empty, readable and writable by its owner alone, unless it exists. SQLite creates
 * a database 644, and its -wal and -shm files take the mode of the database: made 600 before
 * SQLite opens it, all three are private from their first byte, with no moment where a chmod
 * still has to come.
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    // There already, perhaps made meanwhile: its mode is the owner's choice.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
