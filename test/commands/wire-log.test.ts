import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWireLogPath, openWireLog } from '../../src/commands/wire-log.js';
import { makeClient } from '../helpers/chat-clients.js';
import { runCli, usageErrorOf } from '../helpers/cli.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe('--wire-log', () => {
  it('writes every wire event of a client as one JSON object a line, adding up to its byte counts', async () => {
    const server = await startTestServer();
    const path = join(tempDir(), 'wire.ndjson');
    writeFileSync(path, 'an older log\n');
    const log = openWireLog(path);
    const { client, log: seen } = makeClient({ server: server.url, room: 'lobby', user: 'alice', transport: 'longpoll' });
    log.watch(client, 'alice');
    client.connect();
    await waitFor(() => client.state.status === 'open', 5000, 'open');
    client.send('hello, wire');
    await waitFor(() => seen.acks.length === 1 && seen.messages.length === 1, 5000, 'ack and echo');
    client.close();
    // Waits for the client's connections to close, so that their last bytes are in the log.
    await log.close();
    const { bytesSent, bytesReceived } = client.counters();

    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).not.toBe('an older log');
    for (const event of events) expect(event).toMatchObject({ source: 'alice', transport: 'longpoll', at: expect.any(Number), conn: expect.any(Number), bytes: expect.any(Number) });
    expect(events.map((event) => event.kind)).toEqual(expect.arrayContaining(['connect', 'request', 'response', 'close']));
    expect(events.some((event) => event.kind === 'request' && event.what === 'send' && event.payload === Buffer.byteLength('hello, wire'))).toBe(true);
    expect(events.filter((event) => event.kind === 'close')).toHaveLength(events.filter((event) => event.kind === 'connect').length);
    expect(events.reduce((n, event) => n + (event.bytes as number), 0)).toBe(bytesSent + bytesReceived);
  });

  it('refuses a path it cannot write, in one line, without creating anything', () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const cases: [string, RegExp][] = [
      [join(dir, 'missing', 'wire.ndjson'), /its directory does not exist$/],
      [dir, /it is a directory$/],
    ];
    // Root writes anywhere: the permission case means something only for others.
    if (process.getuid?.() !== 0) cases.push([join(locked, 'wire.ndjson'), /permission denied$/]);
    for (const [path, reason] of cases) expect(usageErrorOf(() => checkWireLogPath(path))).toMatch(new RegExp(`^--wire-log: cannot write ${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${reason.source}`));
    expect(() => checkWireLogPath(join(dir, 'fine.ndjson'))).not.toThrow();
  });

  it('is refused by termchat join with exit code 2 before anything else', async () => {
    const { code, stdout, stderr } = await runCli(['join', '--as', 'alice', '--wire-log', '/nonexistent/termchat-test/wire.ndjson'], { TERMCHAT_CONFIG_DIR: '/nonexistent/termchat-test' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd()).toBe('termchat: --wire-log: cannot write "/nonexistent/termchat-test/wire.ndjson": its directory does not exist');
  });
});
