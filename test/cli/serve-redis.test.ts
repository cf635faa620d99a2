import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GetMessagesResponse } from '../../src/protocol/index.js';
import { itRefusesEach, oneErrorLine, runCli, spawnServe, type RefusedCase } from '../helpers/cli.js';
import { describeRedis, TestRedis } from '../helpers/redis.js';
import { closedPort } from '../helpers/serve-on-port.js';
import { waitFor } from '../helpers/wait.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('termchat serve --redis: options', () => {
  it('lists --redis and its variable in the serve help', async () => {
    const { code, stdout } = await runCli(['serve', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--redis URL\b.*\n.*\n\s+\[TERMCHAT_REDIS_URL\]/);
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  const cases: RefusedCase[] = [
    { args: ['serve', '--redis', 'http://localhost:6379'], says: /^termchat: --redis: "http:\/\/localhost:6379" is not a URL like redis:\/\/127\.0\.0\.1:6379/ },
    { args: ['serve', '--redis', 'nonsense'], says: /--redis: "nonsense" is not a URL like redis:\/\// },
    { args: ['serve', '--redis', 'redis://127.0.0.1:6379', '--memory'], says: /--redis and --memory exclude each other/ },
    { args: ['serve', '--redis', 'redis://127.0.0.1:6379', '--db', 'x.db'], says: /--redis and --db exclude each other/ },
    { args: ['serve'], env: { TERMCHAT_REDIS_URL: 'localhost:6379' }, says: /TERMCHAT_REDIS_URL: "localhost:6379" is not a URL like redis:\/\// },
  ];
  itRefusesEach(cases);

  it('says in one line that Redis cannot be reached, naming the URL and the failure, and exits 1', async () => {
    const port = await closedPort();
    const url = `redis://127.0.0.1:${port}`;
    const started = Date.now();
    const { code, stdout, stderr } = await runCli(['serve', '--port', '0', '--stats-interval', '0', '--redis', url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(oneErrorLine(stderr)).toBe(`termchat: cannot use Redis at ${url}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('hides the password of the URL when it cannot reach Redis', async () => {
    const port = await closedPort();
    const { code, stderr } = await runCli(['serve', '--port', '0', '--stats-interval', '0'], { TERMCHAT_REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(oneErrorLine(stderr)).toMatch(new RegExp(`^termchat: cannot use Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}/?: `));
    expect(stderr).not.toContain('hunter2');
  });
});

describeRedis('termchat serve --redis: running several servers', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });

  it('runs two servers on one Redis (the README recipe): a message sent to one is read from the other', async () => {
    const first = await spawnServe(['--redis', redis.url]);
    vi.stubEnv('TERMCHAT_REDIS_URL', redis.url);
    const second = await spawnServe([]);
    for (const server of [first, second]) {
      await waitFor(() => /^ {2}history +redis:\/\/\S+ \(Redis, shared/m.test(server.output()), 5000, 'the history line');
    }
    const res = await fetch(`${first.url}/messages?room=lobby`, { method: 'POST', body: JSON.stringify({ user: 'alice', text: 'from the first' }) });
    expect(res.status).toBe(201);
    const read = (await (await fetch(`${second.url}/messages?room=lobby&since=0`)).json()) as GetMessagesResponse;
    expect(read.messages.map((m) => m.text)).toEqual(['from the first']);
  });

  it('logs that Redis was lost, answers /healthz with 503, and serves again once it is back', async () => {
    const server = await spawnServe(['--redis', redis.url]);
    await redis.stop({ save: true });
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 503, 5000, '/healthz 503');
    await waitFor(() => server.output().includes(`redis: lost the connection to ${redis.url}`), 5000, 'the log line');
    await redis.restart();
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, 5000, '/healthz 200');
    expect(server.output()).toContain(`redis: connected to ${redis.url} again`);
    expect((await fetch(`${server.url}/messages?room=lobby`, { method: 'POST', body: JSON.stringify({ user: 'a', text: 'back' }) })).status).toBe(201);
  });
});
