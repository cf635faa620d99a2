import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { makeClient, type TestClient } from '../helpers/chat-clients.js';
import { describeWith } from '../helpers/system-tool.js';
import { NGINX, nginxBlocks, selfSignedCertificate, TestNginx } from '../helpers/nginx.js';
import { describeRedis, TestRedis } from '../helpers/redis.js';
import { freeLowPort, spawnServeOnPort, type PortServe } from '../helpers/serve-on-port.js';
import { waitFor } from '../helpers/wait.js';
import { wholeHistory } from '../helpers/http.js';

const DEPLOY_DOC = fileURLToPath(new URL('../../docs/deploy.md', import.meta.url));
/** Every wait is bounded; generous, as a busy 2-core machine runs nginx, Redis, two servers and eight clients. */
const WAIT_MS = 20_000;

/**
 * docs/deploy.md's nginx configuration with the test's own ports and certificate put where the
 * document has its examples. Each example must be found: a document that changed its shape fails
 * here rather than leaving the test to run something else.
 */
function deployConfig(ports: { readonly a: number; readonly b: number; readonly nginx: number }, tls: { readonly cert: string; readonly key: string }): string {
  const blocks = nginxBlocks(DEPLOY_DOC);
  expect(blocks, 'docs/deploy.md has one nginx block').toHaveLength(1);
  let config = blocks[0]!;
  const replacements: [string, string][] = [
    ['server 127.0.0.1:4001 ', `server 127.0.0.1:${ports.a} `],
    ['server 127.0.0.1:4002 ', `server 127.0.0.1:${ports.b} `],
    ['listen 443 ssl;', `listen 127.0.0.1:${ports.nginx} ssl;`],
    ['/etc/ssl/termchat/fullchain.pem', tls.cert],
    ['/etc/ssl/termchat/privkey.pem', tls.key],
  ];
  for (const [example, own] of replacements) {
    expect(config, `docs/deploy.md's nginx block has ${example}`).toContain(example);
    config = config.replace(example, own);
  }
  return config;
}

/** The servers' arguments as docs/deploy.md gives them, with the test's Redis. */
function deployArgs(redisUrl: string): string[] {
  const line = /^termchat serve --port 4001 (.*) &$/m.exec(readFileSync(DEPLOY_DOC, 'utf8'))?.[1];
  expect(line, 'docs/deploy.md starts the first server with termchat serve --port 4001 …').toBeDefined();
  return [...line!.replace('redis://127.0.0.1:6379', redisUrl).split(' '), '--rate', '0', '--stats-interval', '0'];
}

/** Open WebSockets and SSE streams on a server, read from its own /metrics. */
async function streamsOn(server: PortServe): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  return [...text.matchAll(/^termchat_connections\{transport="(ws|sse)"\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[2]), 0);
}

describeWith(NGINX, 'docs/deploy.md: termchat behind nginx', () => {
  describeRedis('two termchat serve --redis behind the documented nginx, over TLS', () => {
    let redis: TestRedis;
    let dir: string;
    beforeAll(async () => {
      redis = await TestRedis.start();
      dir = mkdtempSync(join(tmpdir(), 'termchat-deploy-'));
      // The clients of this process must trust the test's own certificate; Node reads
      // NODE_EXTRA_CA_CERTS only as a process starts, and this process runs no other test file.
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    });
    afterAll(() => {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves every transport through nginx, and loses nothing when one instance is killed', async () => {
      const args = deployArgs(redis.url);
      const [portA, portB, portNginx] = [await freeLowPort(), await freeLowPort(), await freeLowPort()];
      const [a, b] = await Promise.all([spawnServeOnPort(portA, args), spawnServeOnPort(portB, args)]);
      const nginx = await TestNginx.start(deployConfig({ a: portA, b: portB, nginx: portNginx }, selfSignedCertificate(dir)), portNginx);
      const front = `https://127.0.0.1:${portNginx}`;

      const health = await fetch(`${front}/healthz`, { signal: AbortSignal.timeout(5000) });
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });

      // The servers read the page's scheme from nginx's X-Forwarded-Proto: the page's own https
      // origin is let in; the same host over http is another origin, refused.
      const postFrom = (origin: string): Promise<Response> =>
        fetch(`${front}/messages?room=checks`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ user: 'page', text: 'hi' }), signal: AbortSignal.timeout(5000) });
      expect((await postFrom(front)).status).toBe(201);
      expect(await (await postFrom(front.replace('https:', 'http:'))).json()).toMatchObject({ code: 'forbidden_origin' });

      // Two clients of each transport, and more WebSockets until one of them is held by A, so that
      // killing A cuts a live connection (nginx spreads connections over both in turn).
      const backoff = { baseMs: 50, capMs: 400 };
      const open = (user: string, kind: (typeof TRANSPORT_KINDS)[number]): TestClient => {
        const made = makeClient({ server: front, room: 'lobby', user, transport: kind, interval: 100, presenceIntervalMs: 1000, backoff });
        made.client.connect();
        return made;
      };
      const clients = TRANSPORT_KINDS.flatMap((kind) => [open(`${kind}-1`, kind), open(`${kind}-2`, kind)]);
      await waitFor(() => clients.every((c) => c.client.state.status === 'open'), WAIT_MS, 'every client open through nginx');
      for (let extra = 1; (await streamsOn(a)) === 0; extra++) {
        expect(extra, 'a WebSocket held by instance A').toBeLessThanOrEqual(6);
        const more = open(`ws-extra-${extra}`, 'ws');
        clients.push(more);
        await waitFor(() => more.client.state.status === 'open', WAIT_MS, 'the extra WebSocket open');
      }

      const sendRound = (round: string): void => {
        for (const c of clients) c.client.send(`${c.client.options.user} ${round}`);
      };
      sendRound('before');
      await waitFor(() => clients.every((c) => c.log.messages.length === clients.length), WAIT_MS, 'every message of the first round everywhere');

      const cut = clients.filter((c) => c.client.state.status === 'open');
      const statesBefore = new Map(cut.map((c) => [c, c.log.states.length]));
      await a.kill();
      sendRound('after');
      await waitFor(() => clients.every((c) => c.client.stats().pending === 0 && c.client.state.status === 'open'), WAIT_MS, 'every send acknowledged and every client open again');
      const stored = await wholeHistory(b.url);
      expect(stored).toHaveLength(clients.length * 2);
      await waitFor(() => clients.every((c) => c.log.messages.length >= stored.length), WAIT_MS, 'every message on every client');

      // Each client has exactly what is stored, once, in order; some lost their connection to A and came back.
      for (const c of clients) expect(c.log.messages, c.client.options.user).toEqual(stored);
      const reconnected = cut.filter((c) => c.log.states.slice(statesBefore.get(c)).some((s) => s.status === 'reconnecting'));
      expect(reconnected.length, 'clients whose connection instance A held').toBeGreaterThanOrEqual(1);
      expect(nginx.log()).not.toMatch(/\[(emerg|alert|crit)\]/);
    }, 90_000);
  });
});
