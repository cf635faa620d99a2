import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ServerOptions } from '../../src/server/base/options.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

const running = new Set<RunningServer>();
const dirs = new Set<string>();

afterEach(async () => {
  await Promise.all([...running].map((server) => server.close()));
  running.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
});

/** No send limit of any kind: for tests that send more than a person would. */
export const NO_SEND_LIMITS: Partial<ServerOptions> = { rate: undefined, addressRate: undefined };

/**
 * A real server on a free loopback port, in memory unless `db` is given, quiet, closed after the
 * test. Registering afterEach here means every test file that imports it cleans up.
 */
export async function startTestServer(overrides: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', memory: overrides.db === undefined, statsIntervalSeconds: 0, log: () => {}, ...overrides });
  running.add(server);
  return server;
}

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'termchat-test-'));
  dirs.add(dir);
  return dir;
}
