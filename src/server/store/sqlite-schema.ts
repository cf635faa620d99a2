import type Database from 'better-sqlite3';

/** The tables, as a new file gets them; the indexes come from the migrations, for new and old files alike. */
const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (room TEXT PRIMARY KEY, last_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages (
  room TEXT NOT NULL,
  id INTEGER NOT NULL,
  user TEXT NOT NULL,
  text TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  server_at INTEGER NOT NULL,
  client_id TEXT,
  PRIMARY KEY (room, id)
) WITHOUT ROWID;
`;

/**
 * Step i takes a file from version i to i + 1 (`PRAGMA user_version`). Files written before
 * versions were kept are version 0. A step changes the schema, never the history.
 */
const MIGRATIONS: readonly string[] = [
  // 1: a clientId names a message together with its sender: (room, user, clientId), no longer (room, clientId).
  `DROP INDEX IF EXISTS messages_client_id;
   CREATE UNIQUE INDEX IF NOT EXISTS messages_client_key ON messages (room, user, client_id) WHERE client_id IS NOT NULL;`,
];

/** The version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to SCHEMA_VERSION in one transaction: a new file gets every table and index, an
 * older one the steps it lacks, keeping its history. A file of a newer termchat is refused, since
 * this code would not know what its schema promises.
 */
export function prepareSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec(TABLES);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`its schema is version ${version}, written by a newer termchat; this one reads up to ${SCHEMA_VERSION}`);
    for (const step of MIGRATIONS.slice(version)) db.exec(step);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
