import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runBench } from '../../src/commands/bench.js';
import { UsageError } from '../../src/commands/flags.js';
import { captureBenchIo, expectEveryMessageOnce, expectNoBenchChildren } from '../helpers/bench.js';
import { describeRedis } from '../helpers/redis.js';

// Real processes: the built server hosts and client workers (npm test builds first) and a redis-server the bench starts.
const emptyPath = mkdtempSync(join(tmpdir(), 'termchat-no-redis-'));
afterAll(() => rmSync(emptyPath, { recursive: true, force: true }));

describeRedis('termchat bench --redis, end to end with real processes', () => {
  it('runs ws on one instance and on two sharing its own Redis, every delivery complete, and reports what crossing adds', async () => {
    const io = captureBenchIo();
    const outcome = await runBench(['--redis', '--clients', '3', '--duration', '2', '--send-every', '500', '--transports', 'ws'], io);
    expectNoBenchChildren();
    if (outcome.mode !== 'redis') throw new Error('expected a --redis bench');
    expect(outcome.result.runs.map((r) => [r.instances, r.error])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    expect(outcome.ok).toBe(true);
    const [one, two] = outcome.result.combined;
    for (const r of [one!, two!]) {
      expectEveryMessageOnce(r);
      expect(r.connections).toBe(r.clients);
    }
    expect(one).toMatchObject({ instances: 1, crossInstance: { count: 0 } });
    expect(two!.instances).toBe(2);
    // Clients c0@0 and c1@0 on one instance, c2@1 on the other: each message of the pair crosses
    // to one client, each of c2's to two, so between one and two crossings per message.
    expect(two!.crossInstance!.count).toBeGreaterThan(two!.messages);
    expect(two!.crossInstance!.count).toBeLessThan(2 * two!.messages);
    const text = io.text();
    expect(text).toContain('WEBSOCKET (termchat)');
    expect(text).toMatch(/3 {3}2 instances/);
    expect(text).toContain('ADDED LATENCY OF A CROSS-INSTANCE DELIVERY');
    expect(text).toMatch(/Completeness: every message reached every client .* 0 missing, 0 duplicates\./);
  }, 60_000);
});

it('--redis without redis-server installed fails at once with one line saying how to install it', async () => {
  const path = process.env.PATH;
  // A PATH where no redis-server can be found; the check runs before any process is started.
  process.env.PATH = emptyPath;
  try {
    const error = await runBench(['--redis', '--clients', '2', '--transports', 'ws'], captureBenchIo()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--redis starts a redis-server of its own and none is installed: install it \(Debian\/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis\) or give a running one, --redis redis:\/\/HOST:PORT$/);
  } finally {
    process.env.PATH = path;
  }
  expectNoBenchChildren();
});
