import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GetMessagesResponse, Message, PostMessageResponse } from '../../src/protocol/index.js';
import { itRefusesEach, runCli, spawnServe, type RefusedCase, type ServeProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

async function post(base: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/messages?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function history(base: string): Promise<GetMessagesResponse> {
  const res = await fetch(`${base}/messages?room=lobby&since=0`);
  expect(res.status).toBe(200);
  return (await res.json()) as GetMessagesResponse;
}

/** Everything `termchat serve` prints on start-up; the URL line, which spawnServe waits for, comes first. */
async function banner(server: ServeProcess): Promise<string> {
  return waitFor(() => /^ {2}metrics +\S+$/m.test(server.output()) && server.output(), 5000, 'the start-up lines');
}

/** The start-up lines that name a transport, keyed by transport. */
function transportLines(output: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const match of output.matchAll(/^ {2}(ws|sse|longpoll|poll) +(\S+)$/gm)) lines.set(match[1]!, match[2]!);
  return lines;
}

describe('termchat --version and --help', () => {
  it('prints the version and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(stderr).toBe('');
  });

  it('prints the main help and exits 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('$ termchat <command> [options]');
      expect(stdout).toMatch(/^\s+serve\s+\S/m);
      expect(stdout).toContain('--version');
      for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('prints the serve help, naming every option and its variable, and exits 0', async () => {
    for (const args of [['serve', '--help'], ['help', 'serve']]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('$ termchat serve [options]');
      for (const flag of ['port', 'host', 'db', 'memory', 'token', 'jwt-secret', 'jwt-secret-file', 'allow-origin', 'allow-host', 'transports', 'heartbeat', 'stats-interval', 'max-text', 'rate', 'address-rate', 'names-per-address', 'max-connections', 'trust-proxy']) {
        const env = `TERMCHAT_${flag.toUpperCase().replaceAll('-', '_')}`;
        expect(stdout).toMatch(new RegExp(`--${flag}\\b[^\\[]*\\n\\s+\\[${env}\\b`));
      }
      for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('prints help but exits 2 when no command is given', async () => {
    const { code, stdout } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toContain('$ termchat <command> [options]');
  });
});

describe('termchat usage errors', () => {
  const cases: RefusedCase[] = [
    { args: ['serve', '--port', 'abc'], says: /^termchat: --port: "abc" is not a number from 0 to 65535$/ },
    { args: ['serve', '--port', '70000'], says: /--port: "70000" is not a number from 0 to 65535/ },
    { args: ['serve', '--port', '0x10'], says: /--port: "0x10" is not a number/ },
    { args: ['serve', '--port'], says: /^termchat: --port needs a value: a number from 0 to 65535$/ },
    { args: ['serve', '--rate', 'x'], says: /--rate: "x" is not N\/SECONDS/ },
    { args: ['serve', '--transports', 'foo'], says: /--transports: "foo" is not a comma-separated list of ws, sse, longpoll, poll$/ },
    { args: ['serve', '--heartbeat', '0'], says: /--heartbeat: "0" is not a number from 0.05/ },
    { args: ['serve', '--max-text', '1.5'], says: /--max-text: "1.5" is not a whole number/ },
    { args: ['serve', '--allow-origin', 'ftp://x'], says: /--allow-origin: "ftp:\/\/x" is not an origin/ },
    { args: ['serve', '--memory', '--db', 'x.db'], says: /--memory and --db exclude each other/ },
    { args: ['serve', '--bogus'], says: /^termchat: unknown option --bogus for serve; see termchat serve --help$/ },
    { args: ['serve', '--clients', '7'], says: /^termchat: unknown option --clients for serve; see termchat serve --help$/ },
    { args: ['config', '--workers', '3'], says: /^termchat: unknown option --workers for config; see termchat config --help$/ },
    { args: ['join', '--port', '4000'], says: /^termchat: unknown option --port for join; see termchat join --help$/ },
    { args: ['bench', '--memory'], says: /^termchat: unknown option --memory for bench; see termchat bench --help$/ },
    { args: ['--port', '4000'], says: /^termchat: unknown option --port; see termchat --help$/ },
    { args: ['serve', '--memory=garbage'], says: /^termchat: --memory is a switch and takes no value; got "garbage"$/ },
    { args: ['join', '--as', 'a', '--keepalive=maybe'], says: /--keepalive is a switch and takes no value; got "maybe"/ },
    { args: ['join', '--as', 'a', '--net', 'delay=-5'], says: /^termchat: --net: "delay=-5" is not a delay of 0 to 60000 ms, with any jitter no larger than it: delay=100/ },
    { args: ['join', '--as', 'a'], env: { TERMCHAT_NET: 'rate=fast' }, says: /^termchat: TERMCHAT_NET: "rate=fast" is not a rate of 1kbit to 10gbit a second/ },
    { args: ['serve', '-x'], says: /^termchat: unknown option -x for serve;/ },
    { args: ['serve', 'extra'], says: /unexpected argument "extra" after "serve"/ },
    { args: ['chat'], says: /unknown command "chat"/ },
    { args: ['help', 'chat'], says: /unknown command "chat"/ },
    { args: ['serve'], env: { TERMCHAT_PORT: 'abc' }, says: /^termchat: TERMCHAT_PORT: "abc" is not a number from 0 to 65535$/ },
    { args: ['serve'], env: { TERMCHAT_PORT: '99999' }, says: /TERMCHAT_PORT: "99999" is not a number/ },
    { args: ['serve'], env: { TERMCHAT_RATE: '10' }, says: /TERMCHAT_RATE: "10" is not N\/SECONDS/ },
    { args: ['serve'], env: { TERMCHAT_TRANSPORTS: 'ws,carrier-pigeon' }, says: /TERMCHAT_TRANSPORTS: "ws,carrier-pigeon" is not a comma-separated list/ },
    { args: ['serve'], env: { TERMCHAT_MEMORY: 'maybe' }, says: /TERMCHAT_MEMORY: "maybe" is not one of 1, true, yes, on/ },
  ];

  itRefusesEach(cases);
});

describe('termchat serve start-up failures', () => {
  it('says in one line that the port is taken and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const { code, stderr } = await runCli(['serve', '--memory', '--stats-interval', '0', '--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^termchat: cannot listen: .*EADDRINUSE.*${port}`))]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('says in one line that the history file is unusable and exits 1', async () => {
    const file = join(tempDir(), 'not-a-db.db');
    writeFileSync(file, 'this is not an SQLite database, only text. '.repeat(20));
    const { code, stderr } = await runCli(['serve', '--port', '0', '--stats-interval', '0', '--db', file]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`termchat: cannot use the history file ${file}: file is not a database`]);
  });

  it.runIf(process.platform === 'linux')('says in one line that the history directory cannot be made, rather than hanging', async () => {
    // mkdir under /proc fails ENOENT while its parent "exists": Node's recursive mkdir loops on that.
    const file = '/proc/self/termchat-history/history.db';
    const { code, stderr } = await runCli(['serve', '--port', '0', '--stats-interval', '0', '--db', file], {}, 5000);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^termchat: cannot use the history file \/proc\/self\/termchat-history\/history\.db: ENOENT.*mkdir '\/proc\/self\/termchat-history'/)]);
  });
});

describe('termchat serve start-up', () => {
  it('prints one line per enabled transport with a URL that works', async () => {
    const server = await spawnServe(['--memory', '--transports', 'ws,sse,poll']);
    const lines = transportLines(await banner(server));
    expect([...lines.keys()].sort()).toEqual(['poll', 'sse', 'ws']);
    for (const url of lines.values()) expect(new URL(url).port).toBe(String(server.port));

    const poll = await fetch(lines.get('poll')!);
    expect(poll.status).toBe(200);
    const sse = await fetch(lines.get('sse')!);
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await sse.body?.cancel();
    await TestClient.join(lines.get('ws')!.replace('NAME', 'alice'));
    // And the one left out is off.
    const longpoll = await fetch(`${server.url}/messages?room=lobby&since=0&wait=100`);
    expect(longpoll.status).toBe(404);
  });

  it('serves the web page at / and says where, unless told --no-web', async () => {
    const server = await spawnServe(['--memory']);
    const lines = await banner(server);
    expect(lines).toMatch(new RegExp(`^ {2}web +${server.url}/$`, 'm'));
    const page = await fetch(`${server.url}/?room=dev&as=Ann`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())![1]!;
    expect((await fetch(`${server.url}${script}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const bare = await spawnServe(['--memory', '--no-web']);
    expect(await banner(bare)).not.toMatch(/^ {2}web /m);
    expect((await fetch(`${bare.url}/`)).status).toBe(404);
  });

  it('takes its settings from TERMCHAT_* variables, flags winning over them', async () => {
    // Were TERMCHAT_MEMORY ignored, the history file would land here rather than in the user's data directory.
    vi.stubEnv('XDG_DATA_HOME', tempDir());
    vi.stubEnv('TERMCHAT_PORT', 'not-used-because---port-wins');
    vi.stubEnv('TERMCHAT_MEMORY', '1');
    vi.stubEnv('TERMCHAT_TRANSPORTS', 'ws,longpoll');
    vi.stubEnv('TERMCHAT_TOKEN', 'envsecret');
    vi.stubEnv('TERMCHAT_MAX_TEXT', '5');
    vi.stubEnv('TERMCHAT_RATE', '2/60');
    const server = await spawnServe([]);
    const output = await banner(server);
    expect(output).toMatch(/history\s+in memory/);
    expect(output).toMatch(/token required/);
    expect([...transportLines(output).keys()].sort()).toEqual(['longpoll', 'ws']);

    const auth = { authorization: 'Bearer envsecret' };
    expect((await post(server.url, { user: 'a', text: 'hi' })).status).toBe(401);
    expect(await post(server.url, { user: 'a', text: 'toolong' }, auth)).toMatchObject({ status: 400, body: { code: 'text_too_long' } });
    expect((await post(server.url, { user: 'a', text: 'one' }, auth)).status).toBe(201);
    expect((await post(server.url, { user: 'a', text: 'two' }, auth)).status).toBe(201);
    expect(await post(server.url, { user: 'a', text: 'three' }, auth)).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    const sse = await fetch(`${server.url}/events?room=lobby&token=envsecret`);
    expect(sse.status).toBe(404);
    await sse.body?.cancel();
  });
});

describe('termchat serve persistence', () => {
  it('keeps every acknowledged message, the epoch and the id sequence across SIGKILL', async () => {
    const file = join(tempDir(), 'history.db');
    const first = await spawnServe(['--db', file, '--rate', '0', '--address-rate', '0']);

    // Some sequentially, with and without clientId.
    const acked: Message[] = [];
    let epoch = '';
    for (let i = 1; i <= 5; i++) {
      const res = await post(first.url, { user: 'alice', text: `seq ${i}`, ...(i % 2 === 1 ? { clientId: `seq-${i}` } : {}) });
      expect(res.status).toBe(201);
      const body = res.body as PostMessageResponse;
      acked.push(body.message);
      epoch = body.epoch;
    }
    // Then a burst, killed while part of it is still in flight.
    const burst = Array.from({ length: 80 }, (_, i) =>
      post(first.url, { user: 'bob', text: `burst ${i}`, clientId: `burst-${i}` }).then(
        (res) => {
          if (res.status === 201) acked.push((res.body as PostMessageResponse).message);
        },
        () => undefined,
      ),
    );
    await waitFor(() => acked.length >= 25, 10_000, '20 of the burst acknowledged', 1);
    first.child.kill('SIGKILL');
    expect((await first.exited()).signal).toBe('SIGKILL');
    await Promise.all(burst);

    const second = await spawnServe(['--db', file, '--rate', '0', '--address-rate', '0']);
    const after = await history(second.url);
    expect(after.epoch).toBe(epoch);
    const stored = after.messages;
    // Dense ids from 1, and every acknowledged message exactly as it was acknowledged.
    expect(stored.map((m) => m.id)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    const byId = new Map(stored.map((m) => [m.id, m]));
    for (const message of acked) expect(byId.get(message.id)).toEqual(message);
    const lastId = stored.at(-1)!.id;
    expect(lastId).toBeGreaterThanOrEqual(Math.max(...acked.map((m) => m.id)));

    const next = await post(second.url, { user: 'alice', text: 'after restart', clientId: 'after-1' });
    expect(next.status).toBe(201);
    expect((next.body as PostMessageResponse).message.id).toBe(lastId + 1);
    expect((next.body as PostMessageResponse).epoch).toBe(epoch);

    const repeat = await post(second.url, { user: 'alice', text: 'seq 3 again', clientId: 'seq-3' });
    expect(repeat.status).toBe(200);
    expect((repeat.body as PostMessageResponse).message).toEqual(acked.find((m) => m.clientId === 'seq-3'));
    expect((await history(second.url)).messages).toHaveLength(lastId + 1);

    const ws = await TestClient.connect(wsUrl(second.url, { room: 'lobby', user: 'carol', since: lastId + 1 }));
    expect(await ws.waitForType('welcome')).toMatchObject({ epoch, lastId: lastId + 1 });
  });
});

describe('termchat serve graceful shutdown', () => {
  async function heldLongPolls(server: ServeProcess): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const match = /^termchat_connections\{transport="longpoll"\} (\d+)/m.exec(text);
    return match === null ? 0 : Number(match[1]);
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} closes WebSockets with 1001, ends SSE, answers long polls and exits 0 within 2 s`, async () => {
      const server = await spawnServe(['--memory']);
      const ws = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'alice' }));

      const sse = await fetch(`${server.url}/events?room=lobby&user=bob`);
      expect(sse.status).toBe(200);
      const reader = sse.body!.getReader();
      const decoder = new TextDecoder();
      let events = '';
      while (!events.includes('event: welcome')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('SSE stream ended before welcome');
        events += decoder.decode(value, { stream: true });
      }

      const longPoll = fetch(`${server.url}/messages?room=lobby&since=0&wait=30000`);
      await waitFor(async () => (await heldLongPolls(server)) === 1, 5000, 'the long poll to be held');

      const startedAt = Date.now();
      server.child.kill(signal);

      const closed = await ws.closedWithin(5000);
      expect(closed).toEqual({ code: 1001, reason: 'server shutting down' });

      const ended = (async () => {
        for (;;) {
          const { done } = await reader.read();
          if (done) return true;
        }
      })();
      expect(await ended).toBe(true);

      const answered = await longPoll;
      expect(answered.status).toBe(200);
      expect(await answered.json()).toMatchObject({ messages: [] });

      const exit = await server.exited(5000);
      const took = Date.now() - startedAt;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(took).toBeLessThan(2000);
    });
  }
});
