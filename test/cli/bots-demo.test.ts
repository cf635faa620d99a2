import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { runCli } from '../helpers/cli.js';
import { startCli } from '../helpers/cli-process.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Lines of help text wider than a terminal's 80 columns. */
const wide = (text: string): string[] => text.split('\n').filter((line) => line.length > 80);

describe('termchat demo and bots: help', () => {
  it('lists both in the main help and has a help of its own for each, within 80 columns', async () => {
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/^ {4}demo {6}\S/m);
    expect(main.stdout).toMatch(/^ {4}bots {6}\S/m);
    for (const [args, usage] of [
      [['demo', '--help'], '$ termchat demo [options]'],
      [['help', 'bots'], '$ termchat bots [options]'],
    ] as const) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain(usage);
      expect(wide(stdout)).toEqual([]);
    }
    const bots = await runCli(['bots', '--help']);
    for (const flag of ['count', 'transport', 'every', 'server', 'room', 'as', 'interval', 'keepalive', 'token']) expect(bots.stdout).toContain(`--${flag}`);
  });
});

describe('termchat demo and bots: usage errors', () => {
  it.each([
    [['bots', '--count', '0'], /^termchat: --count: "0" is not a number from 1 to 1000$/],
    [['bots', '--transport', 'ws,pigeon'], /^termchat: --transport: "ws,pigeon" is not one or more of ws, sse, longpoll, poll, auto, comma-separated$/],
    [['bots', '--every', 'often'], /^termchat: --every: "often" is not a number of milliseconds from 10 to 3600000$/],
    [['bots', '--server', 'ftp://x'], /^termchat: --server: "ftp:\/\/x" is not a URL like http:\/\/127\.0\.0\.1:4000/],
    [['bots', '--as', 'a name with spaces'], /^termchat: --as: "a name with spaces" is not 1-18 printable characters without spaces$/],
    [['bots', '--colour'], /^termchat: unknown option --colour for bots; see termchat bots --help$/],
    [['bots', '--scale'], /^termchat: unknown option --scale for bots; see termchat bots --help$/],
    [['demo', '--server', 'http://127.0.0.1:4000'], /^termchat: --server does not apply: termchat demo starts its own server/],
    [['demo', '--count', '-1'], /^termchat: --count: "-1" is not a number from 1 to 1000$/],
    [['demo', '--transport', 'carrier-pigeon'], /^termchat: --transport: "carrier-pigeon" is not one of ws, sse, longpoll, poll, auto$/],
    [['demo', '--net', 'down=0'], /^termchat: --net: "down=0" is not a time of 0.1 to 3600 seconds: down=10, down=10s, down=500ms$/],
  ])('%j exits 2 with one line', async (args, says) => {
    const { code, stdout, stderr } = await runCli(args, { TERMCHAT_CONFIG_DIR: '/nonexistent/termchat-test' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(says);
  });

  it('demo without a terminal says so in one line and exits 2 instead of waiting', async () => {
    const { code, stderr } = await runCli(['demo', '--as', 'alice'], { TERMCHAT_CONFIG_DIR: '/nonexistent/termchat-test' });
    expect(code).toBe(2);
    expect(stderr.trimEnd()).toMatch(/^termchat: termchat demo needs an interactive terminal .*termchat bots$/);
  });
});

describe('termchat bots against a server', () => {
  it('chats on the transports given, prints a line per bot, and stops on SIGINT', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const bots = startCli(['bots', '--server', server.url, '--room', 'dev', '--count', '3', '--transport', 'ws,poll', '--every', '100', '--interval', '100']);
    await waitFor(() => bots.stdout().includes('Ctrl+C stops'), 10_000, 'the start line');
    expect(bots.stdout().split('\n')[0]).toBe(`termchat bots: 3 bots (bot-ws-1, bot-poll-1, bot-ws-2) in room dev on ${server.url}, a line every ~100 ms each; Ctrl+C stops`);
    const speakers = async (): Promise<Set<string>> => new Set((await server.store.since('dev', 0, 500)).messages.map((m) => m.user));
    await waitFor(async () => (await speakers()).size === 3, 15_000, 'a line from each bot', 50);

    bots.child.kill('SIGINT');
    const { code } = await bots.exited(10_000);
    expect(code).toBe(0);
    const out = bots.stdout();
    expect(out).toMatch(/^SIGINT: stopped after \d+\.\d s$/m);
    const final = out.slice(out.indexOf('SIGINT:')).split('\n').slice(1, 4);
    expect(final.map((line) => line.trim().split(/\s+/)[0])).toEqual(['bot-ws-1', 'bot-poll-1', 'bot-ws-2']);
    // Each was heard by the server (above); its own count of acknowledgements may trail that by a round trip.
    for (const line of final) expect(line).toMatch(/ closed +said [1-9]\d* {2}stored \d+ {2}received \d+ {2}echo /);
    expect(bots.stderr()).toBe('');
  });

  it('closes every WebSocket with 1000 on SIGTERM', async () => {
    // A stand-in server that only welcomes, so the close codes the bots send can be seen.
    const http = createServer();
    servers.push(http);
    const wss = new WebSocketServer({ server: http, path: '/ws' });
    const codes: number[] = [];
    let opened = 0;
    wss.on('connection', (socket) => {
      opened++;
      socket.send(JSON.stringify({ type: 'welcome', epoch: 'e1', lastId: 0, online: [] }));
      socket.on('close', (code) => codes.push(code));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    const bots = startCli(['bots', '--server', url, '--count', '2', '--transport', 'ws', '--every', '60000']);
    await waitFor(() => opened === 2, 10_000, 'both bots connected');
    bots.child.kill('SIGTERM');
    expect((await bots.exited(10_000)).code).toBe(0);
    await waitFor(() => codes.length === 2, 5000, 'both sockets closed');
    expect(codes).toEqual([1000, 1000]);
    wss.close();
  });

  it('gives up with exit 1 and one line when the server refuses every bot', async () => {
    const server = await startTestServer({ token: 's3cret' });
    const { code, stderr } = await runCli(['bots', '--server', server.url, '--count', '2', '--transport', 'ws,sse', '--token', 'wrong'], {}, 15_000);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^termchat: the server refused the bots: /);
  });
});
