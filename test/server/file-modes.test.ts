import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/http.js';
import { startTestServer, tempDir } from '../helpers/server.js';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('the history files', () => {
  let umask: number;
  // The usual umask, which lets every file be read by all unless it is made private.
  beforeEach(() => void (umask = process.umask(0o022)));
  afterEach(() => void process.umask(umask));

  it.runIf(process.platform !== 'win32')('are made private from the start: directories 700, the file, its -wal and -shm 600', async () => {
    const root = tempDir();
    const db = join(root, 'share', 'termchat', 'history.db');
    const server = await startTestServer({ db });
    await postMessage(server.url, { user: 'alice', text: 'private' });
    expect({
      share: modeOf(join(root, 'share')),
      termchat: modeOf(join(root, 'share', 'termchat')),
      db: modeOf(db),
      wal: modeOf(`${db}-wal`),
      shm: modeOf(`${db}-shm`),
    }).toEqual({ share: '700', termchat: '700', db: '600', wal: '600', shm: '600' });
    // A directory that was there before is the user's, and left as it is.
    expect(modeOf(root)).toBe('700');
  });
});
