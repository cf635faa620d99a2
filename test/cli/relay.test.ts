import { describe, expect, it } from 'vitest';
import { itRefusesEach, runCli } from '../helpers/cli.js';
import { startCli } from '../helpers/cli-process.js';
import { connected } from '../helpers/chat-clients.js';
import { tryConnect } from '../helpers/relay.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

describe('termchat relay: help and usage errors', () => {
  it('is in the main help and has a help of its own with its options and keys, within 80 columns', async () => {
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/^ {4}relay {5}A fault relay in front of a server/m);
    const { code, stdout, stderr } = await runCli(['relay', '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('$ termchat relay --to URL [options]');
    for (const flag of ['--to URL', '--listen PORT', '--net CONDITION']) expect(stdout).toContain(flag);
    for (const key of ['d  delay 0/50/100/300 ms', 'r  rate off/1mbit/56kbit', 'c  cut', 'b  blackhole on/off', 'o  down 10 s', 'h  heal', 'q  quit']) expect(stdout).toContain(key);
    expect(stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });

  itRefusesEach([
    { args: ['relay'], says: /^termchat: --to is required: the server to relay to, e\.g\. --to http:\/\/127\.0\.0\.1:4000$/ },
    { args: ['relay', '--to', 'ftp://x'], says: /^termchat: --to: "ftp:\/\/x" is not a URL like http:\/\/127\.0\.0\.1:4000/ },
    { args: ['relay', '--to', 'http://127.0.0.1:4000', '--listen', '70000'], says: /^termchat: --listen: "70000" is not a number from 0 to 65535$/ },
    { args: ['relay', '--to', 'http://127.0.0.1:4000', '--net', 'delay=-5'], says: /^termchat: --net: "delay=-5" is not a delay of 0 to 60000 ms, with any jitter no larger than it: delay=100, delay=100±20 or delay=100\+-20$/ },
    { args: ['relay', '--to', 'http://127.0.0.1:4000', '--net', 'rate=fast'], says: /^termchat: --net: "rate=fast" is not a rate of 1kbit to 10gbit a second, in bit, kbit, mbit, gbit, B, kB, MB or GB/ },
    { args: ['relay', '--to', 'http://127.0.0.1:4000', '--net'], says: /^termchat: --net needs a value: a network condition: delay=MS\[±JITTER\], rate=RATE, blackhole or down=SECONDS/ },
    { args: ['relay', '--to', 'http://127.0.0.1:4000', '--transport', 'ws'], says: /^termchat: unknown option --transport for relay; see termchat relay --help$/ },
  ]);
});

describe('termchat relay without a terminal', () => {
  it('says where it listens and the condition, relays a client with the delay asked for, and leaves nothing behind on SIGINT', async () => {
    const server = await startTestServer(NO_SEND_LIMITS);
    const relay = startCli(['relay', '--to', server.url, '--net', 'delay=50']);
    await waitFor(() => relay.stdout().includes('Ctrl+C or SIGTERM stops'), 10_000, 'the start lines');
    const lines = relay.stdout().split('\n');
    const listening = /^termchat relay: listening on (http:\/\/127\.0\.0\.1:(\d+)), relaying to (\S+)$/.exec(lines[0]!);
    expect(listening?.[3]).toBe(server.url);
    expect(lines.slice(1, 3)).toEqual(['net delay 50 ms', 'no terminal, so no keys: the condition stays; Ctrl+C or SIGTERM stops']);
    const [url, port] = [listening![1]!, Number(listening![2])];

    const chat = await connected({ server: url, room: 'lobby', user: 'alice', transport: 'ws', backoff: { baseMs: 50, capMs: 400 } }, 10_000);
    chat.client.send('through the relay');
    await waitFor(() => chat.log.messages.length === 1, 10_000, 'the echo');
    // 50 ms up with the send, 50 ms down with the message.
    expect(chat.client.stats().echoLatency.last).toBeGreaterThanOrEqual(95);
    expect((await server.store.since('lobby', 0, 10)).messages.map((m) => m.text)).toEqual(['through the relay']);
    expect((await server.metrics.snapshot()).openWs).toBe(1);

    relay.child.kill('SIGINT');
    expect(await relay.exited(10_000)).toEqual({ code: 0, signal: null });
    expect(relay.stdout()).toMatch(/^SIGINT: stopped after \d+\.\d s; 1 connection relayed$/m);
    expect(relay.stderr()).toBe('');
    await expect(tryConnect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await waitFor(() => chat.client.state.status === 'reconnecting', 5000, 'the client dropped');
    await waitFor(async () => (await server.metrics.snapshot()).openWs === 0, 5000, 'no socket left at the server');
  });

  it('listens on the port asked for, and says so in one line when it is taken', async () => {
    const server = await startTestServer();
    const relay = startCli(['relay', '--to', server.url, '--listen', '0']);
    await waitFor(() => relay.stdout().includes('Ctrl+C or SIGTERM stops'), 10_000, 'the first relay');
    const port = /127\.0\.0\.1:(\d+),/.exec(relay.stdout())![1]!;
    expect(relay.stdout().split('\n')[1]).toBe('net clean');

    const second = await runCli(['relay', '--to', server.url, '--listen', port]);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(`termchat: cannot listen on 127.0.0.1:${port}: the port is in use\n`);
    relay.child.kill('SIGTERM');
    expect((await relay.exited(10_000)).code).toBe(0);
    expect(relay.stdout()).toMatch(/^SIGTERM: stopped after/m);

    // Free again, it is the one taken.
    const again = startCli(['relay', '--to', server.url, '--listen', port]);
    await waitFor(() => again.stdout().includes('Ctrl+C or SIGTERM stops'), 10_000, 'the relay on the freed port');
    expect(again.stdout().split('\n')[0]).toBe(`termchat relay: listening on http://127.0.0.1:${port}, relaying to ${server.url}`);
    again.child.kill('SIGTERM');
    expect((await again.exited(10_000)).code).toBe(0);
  });
});
