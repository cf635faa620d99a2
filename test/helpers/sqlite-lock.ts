import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterEach } from 'vitest';

const holders = new Set<ChildProcess>();

afterEach(() => {
  for (const child of holders) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  holders.clear();
});

// Another process, as an operator's sqlite3 shell or a backup tool would be: it takes the file's
// write lock and holds it until its stdin closes.
const HOLDER = `
const Database = require(process.env.SQLITE_MODULE);
const db = new Database(process.env.DB_PATH);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
process.stdin.resume();
`;

export interface HeldLock {
  /** Lets the lock go and resolves once the holder is gone. */
  release(): Promise<void>;
}

/** Has another process hold the write lock of the SQLite file at `path`; resolves once it holds it. */
export async function holdWriteLock(path: string, timeoutMs = 10_000): Promise<HeldLock> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const child = spawn(process.execPath, ['-e', HOLDER], { env: { ...process.env, SQLITE_MODULE: module, DB_PATH: path }, stdio: ['pipe', 'pipe', 'pipe'] });
  holders.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lock holder did not lock ${path} within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout!.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the lock holder exited before locking ${path}: ${stderr}`));
    });
  });
  return {
    release: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}
