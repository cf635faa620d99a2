import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnServe } from '../helpers/cli.js';
import { http } from '../helpers/http.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('termchat serve with DEBUG=termchat:*', () => {
  it('logs what clients send with control characters escaped and tokens redacted', async () => {
    vi.stubEnv('DEBUG', 'termchat:*');
    const server = await spawnServe(['--memory']);

    expect((await http(`${server.url}/messages?room=lobby&since=0&token=s3cret-in-url`)).status).toBe(200);
    const client = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));
    client.ws.close(4000, 'bye\n2026-01-01T00:00:00.000Z termchat:ws FORGED \u001b]0;pwned\u0007');
    await client.closedWithin();

    const log = await waitFor(() => server.output().includes('closed lobby as alice') && server.output(), 5000, 'the close to be logged');
    expect(log).toContain('bye\\x0a2026-01-01T00:00:00.000Z termchat:ws FORGED \\x1b]0;pwned\\x07');
    expect(log).toContain('token=[redacted]');
    expect(log).not.toContain('s3cret-in-url');
    expect(log).not.toContain('\u001b');
    expect(log).not.toContain('\u0007');
    expect(log.split('\n').filter((line) => line.includes('FORGED'))).toHaveLength(1);
  });
});
