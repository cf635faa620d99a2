import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { freeLoopbackPort, privateRedisArgs, REDIS_INSTALL_HINT, redisCommand, waitForPong } from '../../src/bench/running/redis-server.js';
import { describeWith, systemTool } from './system-tool.js';

/** redis-server, which the several-servers tests start on ports of their own. */
const REDIS = systemTool('redis-server', REDIS_INSTALL_HINT);

/** Whether `redis-server` can be run here. */
export const redisAvailable = REDIS.installed;

/** `describe` for tests that need a real Redis (see describeWith). */
export function describeRedis(name: string, body: () => void): void {
  describeWith(REDIS, name, body);
}

const started = new Set<TestRedis>();

afterAll(async () => {
  await Promise.all([...started].map((redis) => redis.kill()));
});
// Should the test process itself die, its redis-servers must not outlive it.
process.once('exit', () => {
  for (const redis of started) redis.child?.kill('SIGKILL');
});

/** Sends one inline command to the redis-server on `port` (shared with the bench, which starts its own Redis). */
export { redisCommand };

/**
 * A redis-server of the test's own on a free loopback port, without persistence, killed after the
 * test file (or by `kill`). It can be stopped and started again on the same port, empty or with its
 * data (`stop({ save: true })` writes a dump into its own directory, which the next start loads).
 */
export class TestRedis {
  child: ChildProcess | undefined;
  readonly #dir = mkdtempSync(join(tmpdir(), 'termchat-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    for (let attempt = 1; ; attempt++) {
      const redis = new TestRedis(await freeLoopbackPort());
      started.add(redis);
      try {
        await redis.restart();
        return redis;
      } catch (error) {
        await redis.kill();
        // Someone took the port between our probe and redis-server binding it: try another.
        if (attempt === 3) throw error;
      }
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on this port, loading the dump `stop({ save: true })` left, if any. */
  async restart(timeoutMs = 5000): Promise<void> {
    if (this.child !== undefined) throw new Error('redis-server is already running');
    const child = spawn('redis-server', privateRedisArgs(this.port, this.#dir), { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    await waitForPong(this.port, child, () => stderr, timeoutMs);
  }

  /**
   * Stops redis-server and waits for it to exit. With `save` it first writes its data, which the
   * next start loads; without, it is killed and the next start is empty (unless `snapshot` left a dump).
   */
  async stop(options: { save?: boolean; keepSnapshot?: boolean } = {}, timeoutMs = 5000): Promise<void> {
    const child = this.child;
    if (options.save !== true && options.keepSnapshot !== true) rmSync(join(this.#dir, 'dump.rdb'), { force: true });
    if (child === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (options.save === true) await redisCommand(this.port, 'SHUTDOWN SAVE', timeoutMs).catch(() => '');
    else child.kill('SIGKILL');
    await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`redis-server on ${this.port} did not exit within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  }

  /** Writes a snapshot of the data now, which a start after `stop({ keepSnapshot: true })` loads. */
  async snapshot(): Promise<void> {
    const reply = await redisCommand(this.port, 'SAVE', 5000);
    if (reply !== '+OK') throw new Error(`SAVE answered ${reply}`);
  }

  /** Kills redis-server and removes its directory. */
  async kill(): Promise<void> {
    await this.stop().catch(() => this.child?.kill('SIGKILL'));
    rmSync(this.#dir, { recursive: true, force: true });
    started.delete(this);
  }
}

/**
 * One redis-server for a describe block's tests, emptied before each test; call inside the block.
 * Returns a getter, as the server starts in beforeAll.
 */
export function sharedRedisPerTest(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  beforeEach(async () => {
    expect(await redisCommand(redis!.port, 'FLUSHALL')).toBe('+OK');
  });
  return () => redis!;
}
