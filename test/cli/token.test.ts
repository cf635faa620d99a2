import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itRefusesEach, runCli, spawnServe } from '../helpers/cli.js';
import { errorBody, http } from '../helpers/http.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { expectRefusal, TestClient, wsUrl } from '../helpers/ws.js';

const SECRET = 'thirty-two-bytes-of-secret-at-least';

describe('termchat token', () => {
  it('prints a token that a server with the same secret takes for that name, and for no other', async () => {
    const file = join(tempDir(), 'secret');
    writeFileSync(file, `${SECRET}\n`, { mode: 0o600 });
    const server = await spawnServe(['--memory', '--jwt-secret-file', file]);
    await waitFor(() => /signed identities required/.test(server.output()), 5000, 'the auth line');

    const minted = await runCli(['token', '--user', 'alice', '--ttl', '1h'], { TERMCHAT_JWT_SECRET: SECRET });
    expect(minted.code).toBe(0);
    expect(minted.stderr).toBe('');
    const lines = minted.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const token = lines[0]!;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; exp: number; iat: number };
    expect(claims.sub).toBe('alice');
    expect(claims.exp - claims.iat).toBe(3600);

    const auth = { authorization: `Bearer ${token}` };
    const send = (user: string) => http(`${server.url}/messages?room=lobby`, { method: 'POST', body: JSON.stringify({ user, text: 'hi' }), headers: auth });
    expect((await send('alice')).status).toBe(201);
    const bob = await send('bob');
    expect(bob.status).toBe(403);
    expect(errorBody(bob).code).toBe('name_mismatch');
    await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice', token }));
    expect((await expectRefusal(wsUrl(server.url, { room: 'lobby', user: 'alice' }))).status).toBe(401);

    // One made with another secret is no identity here.
    const other = await runCli(['token', '--user', 'alice', '--jwt-secret', `${SECRET}-but-another`]);
    expect(errorBody(await http(`${server.url}/presence`, { headers: { authorization: `Bearer ${other.stdout.trim()}` } })).code).toBe('unauthorized');
  });

  it('has its own help', async () => {
    const { code, stdout } = await runCli(['token', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('$ termchat token --user NAME [options]');
    for (const flag of ['user', 'ttl', 'jwt-secret', 'jwt-secret-file']) expect(stdout).toContain(`--${flag} `);
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect((await runCli(['--help'])).stdout).toMatch(/^\s+token\s+Make a signed identity/m);
  });

  itRefusesEach([
    { args: ['token', '--jwt-secret', SECRET], says: /^termchat: --user is required/ },
    { args: ['token', '--user', 'alice'], says: /^termchat: a secret is required/ },
    { args: ['token', '--user', 'alice', '--jwt-secret', 'short'], says: /^termchat: --jwt-secret: "short" is not a secret of at least 32 bytes/ },
    { args: ['token', '--user', 'alice', '--ttl', 'forever'], env: { TERMCHAT_JWT_SECRET: SECRET }, says: /^termchat: --ttl: "forever" is not a duration like 30m/ },
    { args: ['token', '--user', 'alice', '--room', 'x'], says: /^termchat: unknown option --room for token; see termchat token --help$/ },
    { args: ['serve', '--jwt-secret', SECRET, '--token', 's3cret'], says: /^termchat: --token and --jwt-secret exclude each other/ },
    { args: ['serve', '--jwt-secret-file', '/nonexistent/secret'], says: /^termchat: --jwt-secret-file: "\/nonexistent\/secret" is not a readable file/ },
  ]);
});
