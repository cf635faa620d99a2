import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { TooManyRoomsError, UnavailableError } from '../../src/server/base/errors.js';
import { RedisStore } from '../../src/server/redis/redis-store.js';
import type { StoreLimits } from '../../src/server/store/history-store.js';
import { describeRedis, redisCommand, TestRedis } from '../helpers/redis.js';
import { idsUpTo } from '../helpers/redis-cluster.js';
import { waitFor } from '../helpers/wait.js';

const opened = new Set<RedisStore>();
afterEach(async () => {
  await Promise.all([...opened].map((store) => store.close()));
  opened.clear();
});

describeRedis('RedisStore shared by several instances', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });

  /** Stores on their own connections, all on one history (one prefix), as several servers are. */
  async function instances(count: number, limits?: StoreLimits, prefix = `test-${randomUUID()}:`): Promise<RedisStore[]> {
    const stores = await Promise.all(Array.from({ length: count }, () => RedisStore.open(redis.url, prefix, limits)));
    for (const store of stores) opened.add(store);
    return stores;
  }

  it('shares one epoch, one id sequence and one set of clientIds, however the appends interleave', async () => {
    const [a, b, c] = await instances(3);
    expect(new Set([a!.epoch, b!.epoch, c!.epoch]).size).toBe(1);
    const stores = [a!, b!, c!];
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => stores[i % 3]!.append('r', { user: 'u', text: `m${i}` }, i)));
    expect(results.map((r) => r.message.id).sort((x, y) => x - y)).toEqual(idsUpTo(300));

    // Each clientId sent through every store at once: stored once, every answer the first message.
    const keyed = await Promise.all(
      Array.from({ length: 30 }, (_, k) => Promise.all(stores.map((store, s) => store.append('r', { user: 'u', text: `k${k} via ${s}`, clientId: `k${k}` }, 1000 + k)))),
    );
    for (const answers of keyed) {
      expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(1);
      expect(new Set(answers.map((answer) => JSON.stringify(answer.message))).size).toBe(1);
    }
    expect(await c!.lastId('r')).toBe(330);
    const page = await b!.since('r', 300, 100);
    expect(page.messages.map((m) => m.id)).toEqual(idsUpTo(330).slice(300));
    expect(new Set(page.messages.map((m) => m.clientId)).size).toBe(30);
  });

  it('fails at once with UnavailableError while Redis is down, and works again once it is back', async () => {
    const [store] = await instances(1);
    await store!.append('r', { user: 'u', text: 'before' }, 1);
    await redis.stop({ save: true });
    try {
      const started = Date.now();
      await waitFor(
        async () => (await store!.append('r', { user: 'u', text: 'during' }, 2).then(() => undefined, (error: unknown) => error)) instanceof UnavailableError,
        3000,
        'append to fail with UnavailableError',
      );
      await expect(store!.since('r', 0, 10)).rejects.toBeInstanceOf(UnavailableError);
      await expect(store!.lastId('r')).rejects.toThrow(/unreachable/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await redis.restart();
    }
    const after = await waitFor(() => store!.append('r', { user: 'u', text: 'after' }, 3).catch(() => undefined), 5000, 'append to work again');
    expect(after.message.id).toBe(2);
    expect((await store!.since('r', 0, 10)).messages.map((m) => m.text)).toEqual(['before', 'after']);
  });

  it('takes up a new epoch and numbers from 1 when Redis lost its data', async () => {
    const [a, b] = await instances(2);
    await a!.append('r', { user: 'u', text: 'old' }, 1);
    const old = a!.epoch;
    expect(await redisCommand(redis.port, 'FLUSHALL')).toBe('+OK');
    const first = await b!.append('r', { user: 'u', text: 'new' }, 2);
    expect(first.message.id).toBe(1);
    expect(b!.epoch).not.toBe(old);
    // The other instance learns the same new epoch on its next append.
    expect((await a!.append('r', { user: 'u', text: 'newer' }, 3)).message.id).toBe(2);
    expect(a!.epoch).toBe(b!.epoch);
  });

  it('trims each room\'s Stream to --history and drops the idempotency keys of what it trimmed, whichever instance appends', async () => {
    const prefix = `test-${randomUUID()}:`;
    const [a, b] = await instances(2, { maxMessages: 5 }, prefix);
    for (let i = 1; i <= 40; i++) await (i % 2 === 0 ? a! : b!).append('r', { user: 'u', text: `m${i}`, clientId: `k${i}` }, i);
    expect(await redisCommand(redis.port, `XLEN ${prefix}room:r:log`)).toBe(':5');
    expect(await redisCommand(redis.port, `HLEN ${prefix}room:r:cid`)).toBe(':5');
    expect((await a!.since('r', 0, 100)).messages.map((m) => m.id)).toEqual([36, 37, 38, 39, 40]);
  });

  it('counts the rooms a Redis held before rooms were counted, and trims them when maintained', async () => {
    const prefix = `test-${randomUUID()}:`;
    // History as an older termchat left it: Streams with no set of rooms beside them.
    for (const room of ['a', 'b']) {
      for (let id = 1; id <= 4; id++) {
        await redisCommand(redis.port, `XADD ${prefix}room:${room}:log ${id}-0 m '{"user":"u","text":"t${id}","sentAt":${id},"serverAt":${id}}'`);
      }
      await redisCommand(redis.port, `SET ${prefix}room:${room}:seq 4`);
    }
    await redisCommand(redis.port, `SET ${prefix}epoch old-epoch`);
    const [store] = await instances(1, { maxRooms: 2, maxMessages: 2 }, prefix);
    await expect(store!.append('c', { user: 'u', text: 'a third room' }, 10)).rejects.toBeInstanceOf(TooManyRoomsError);
    await store!.maintain(10);
    expect(await store!.since('a', 0, 10)).toMatchObject({ messages: [{ id: 3 }, { id: 4 }], firstId: 3 });
    expect(await redisCommand(redis.port, `XLEN ${prefix}room:b:log`)).toBe(':2');
  });
});
