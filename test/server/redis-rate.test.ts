import { expect, it } from 'vitest';
import type { ErrorBody } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { describeRedis, sharedRedisPerTest } from '../helpers/redis.js';
import { startShared } from '../helpers/redis-cluster.js';

async function post(server: RunningServer, user: string, text: string): Promise<{ status: number; body: ErrorBody; retryAfter: string | null }> {
  const res = await fetch(`${server.url}/messages?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, text }), signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as ErrorBody, retryAfter: res.headers.get('retry-after') };
}

describeRedis('the send limit on servers sharing one Redis', () => {
  const redisServer = sharedRedisPerTest();

  it('counts a user’s sends on every instance together, over an exact sliding window', async () => {
    // Both servers read one clock that only the test moves.
    let now = 1_800_000_000_000;
    const [a, b] = await startShared(redisServer(), 2, { rate: { count: 3, perSeconds: 10 }, now: () => now });

    expect((await post(a!, 'alice', 'one')).status).toBe(201);
    now += 4000;
    expect((await post(b!, 'alice', 'two')).status).toBe(201);
    expect((await post(a!, 'alice', 'three')).status).toBe(201);
    // A fourth, on either server: the first send leaves the window 6 s from now.
    const refused = await post(b!, 'alice', 'four');
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited', retryAfterMs: 6000 }, retryAfter: '6' });
    expect((await post(a!, 'alice', 'four again')).body.retryAfterMs).toBe(6000);
    // Another user has a window of their own.
    expect((await post(b!, 'bob', 'hi')).status).toBe(201);

    // Refusals did not count: once the first send is out of the window, one more goes through.
    now += 6000;
    expect((await post(b!, 'alice', 'four, later')).status).toBe(201);
    expect((await post(a!, 'alice', 'five')).body.retryAfterMs).toBe(4000);
  });
});
