import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type GetMessagesResponse, type Message, type TransportKind } from '../../src/protocol/index.js';
import { browserForFile, messagesOf, type ChatPage } from '../helpers/browser.js';
import { connected } from '../helpers/chat-clients.js';
import { spawnServe } from '../helpers/cli.js';
import { postMessage } from '../helpers/http.js';
import { freeLowPort, spawnServeOnPort } from '../helpers/serve-on-port.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/*
 * The page in a real Chromium against a real `termchat serve`, on each of the four transports,
 * with a terminal-side client of src/transports in the same room.
 */

const browser = browserForFile();
const NO_LIMITS = ['--rate', '0', '--address-rate', '0'];

async function history(url: string, room: string): Promise<readonly Message[]> {
  const answer = (await (await fetch(`${url}/messages?room=${room}&since=0`)).json()) as GetMessagesResponse;
  return answer.messages;
}

describe.each(TRANSPORT_KINDS)('the page on %s', (kind: TransportKind) => {
  it('sends to a terminal client and shows what it sends, each message once and in order', async () => {
    const serve = await spawnServe(['--memory', ...NO_LIMITS]);
    const bob = await connected({ server: serve.url, room: 'dev', user: 'bob', transport: kind, interval: 100 });
    const ann = await browser.open(`${serve.url}/?room=dev&transport=${kind}&as=Ann&interval=250`);
    await ann.opened();
    expect(await ann.status()).toMatch(new RegExp(`^● open ${kind} latency`));

    await ann.send('hello from the page');
    await waitFor(() => bob.log.messages.find((m) => m.text === 'hello from the page'), 5000, 'bob has the page\'s message');
    for (const n of [1, 2, 3]) bob.client.send(`bob ${n}`);
    const expected = ['Ann: hello from the page ✓', 'bob: bob 1', 'bob: bob 2', 'bob: bob 3'];
    await waitFor(async () => messagesOf(await ann.rows()).length >= 4, 5000, 'four messages on the page');
    expect(messagesOf(await ann.rows())).toEqual(expected);
    // Bob's own last one comes back with his next poll, which may follow the page's.
    await waitFor(() => bob.log.messages.length >= 4, 5000, 'bob has all four');
    expect(bob.log.messages.map((m) => `${m.user}: ${m.text}`)).toEqual(expected.map((line) => line.replace(/ ✓$/, '')));
    // Bob is online, and the page knows it.
    await waitFor(async () => (await ann.page.locator('.online').innerText()).includes('bob'), 8000, 'bob online on the page');
  });
});

describe('the page when its server is killed and restarted', () => {
  it('shows reconnecting, comes back on every transport, and shows what was sent meanwhile exactly once', async () => {
    const db = join(tempDir(), 'chat.db');
    const port = await freeLowPort();
    const args = ['--db', db, ...NO_LIMITS];
    let serve = await spawnServeOnPort(port, args);
    const pages = new Map<TransportKind, ChatPage>();
    for (const kind of TRANSPORT_KINDS) pages.set(kind, await browser.open(`${serve.url}/?room=dev&transport=${kind}&as=${kind}-page&interval=250`));
    for (const page of pages.values()) await page.opened();
    for (const [kind, page] of pages) await page.send(`${kind} before`);
    await waitFor(() => history(serve.url, 'dev').then((stored) => stored.length === 4), 5000, 'four messages stored');

    await serve.kill();
    for (const [kind, page] of pages) {
      await waitFor(async () => /^● reconnecting in \d+\.\d s, attempt \d+ /.test(await page.status()), 8000, `${kind} reconnecting`);
      await page.send(`${kind} while down`);
    }
    for (const page of pages.values()) expect(messagesOf(await page.rows()).filter((line) => line.endsWith('while down ⋯'))).toHaveLength(1);

    serve = await spawnServeOnPort(port, args);
    // Sent by someone else as soon as the server is back, while the pages still wait out their backoff.
    for (const n of [1, 2, 3]) await postMessage(serve.url, { user: 'curl', text: `meanwhile ${n}` }, 'dev');
    for (const [kind, page] of pages) await waitFor(async () => (await page.status()).startsWith('● open ') && (await page.status()).includes('pending 0'), 20_000, `${kind} back, nothing pending`);

    const stored = await history(serve.url, 'dev');
    expect(stored).toHaveLength(11);
    expect(new Set(stored.map((m) => m.text)).size).toBe(11);
    for (const [kind, page] of pages) {
      await waitFor(async () => messagesOf(await page.rows()).length >= 11, 5000, `${kind} caught up`);
      const lines = messagesOf(await page.rows());
      const self = `${kind}-page`;
      // Others' messages in the order of their ids; one's own where they were typed, as in the terminal, each delivered.
      expect(lines, kind).toHaveLength(11);
      expect(lines.filter((line) => !line.startsWith(`${self}: `)), kind).toEqual(stored.filter((m) => m.user !== self).map((m) => `${m.user}: ${m.text}`));
      expect(lines.filter((line) => line.startsWith(`${self}: `)), kind).toEqual([`${self}: ${kind} before ✓`, `${self}: ${kind} while down ✓`]);
      expect(await page.status(), kind).toMatch(/reconnects 1 /);
    }
  });
});
