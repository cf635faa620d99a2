import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultWebRoot } from '../../src/server/base/options.js';
import { browserForFile, messagesOf, type ChatPage } from '../helpers/browser.js';
import { connected } from '../helpers/chat-clients.js';
import { getMessages, postMessage } from '../helpers/http.js';
import { startTestRelay } from '../helpers/relay.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/*
 * The page's SSE stream resumes as a browser's EventSource does: after a drop it retries by itself,
 * once, sending the Last-Event-ID it kept, after the retry the stream asked for; when the server
 * is down that retry fails too, and the connection backs off with new streams. The page reaches
 * its server through the fault relay, which cuts its connections or goes down while the server
 * stays up and is watched: every request for /events it reads, with its Last-Event-ID.
 */

const browser = browserForFile();

interface StreamRequest {
  readonly at: number;
  readonly url: string;
  readonly lastEventId: string | undefined;
}

const streamRequests: StreamRequest[] = [];
const onRequest = (message: unknown): void => {
  const { request } = message as { request: IncomingMessage };
  if (request.url?.startsWith('/events?') !== true) return;
  const lastEventId = request.headers['last-event-id'];
  streamRequests.push({ at: Date.now(), url: request.url, lastEventId: typeof lastEventId === 'string' ? lastEventId : undefined });
};
subscribe('http.server.request.start', onRequest);
afterEach(() => void streamRequests.splice(0));
afterAll(() => unsubscribe('http.server.request.start', onRequest));

/**
 * Run in the page before its script: each text the status bar's connection shows (`statusLog`),
 * and each EventSource made, opened, failed and closed by the page, by its number (`streamLog`).
 */
const WATCH = `(() => {
  const statusLog = (globalThis.statusLog = []);
  const streamLog = (globalThis.streamLog = []);
  new MutationObserver(() => {
    const text = document.querySelector('.status .connection')?.textContent;
    if (text !== undefined && text !== statusLog.at(-1)?.text) statusLog.push({ at: Date.now(), text });
  }).observe(document, { subtree: true, childList: true, characterData: true });
  const Native = EventSource;
  let made = 0;
  globalThis.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      const id = made++;
      streamLog.push({ kind: 'made', id, at: Date.now(), url: String(url) });
      this.addEventListener('open', () => streamLog.push({ kind: 'open', id, at: Date.now() }));
      this.addEventListener('error', () => streamLog.push({ kind: 'error', id, at: Date.now() }));
      this.close = () => {
        if (this.readyState !== Native.CLOSED) streamLog.push({ kind: 'closed', id, at: Date.now() });
        Native.prototype.close.call(this);
      };
    }
  };
})()`;

interface Logged {
  readonly kind: 'made' | 'open' | 'error' | 'closed';
  readonly id: number;
  readonly at: number;
  readonly url?: string;
}

/**
 * The connection's states as the status bar showed them, each once in a row, countdowns left out;
 * and the tries, which the bar draws only when they last into its next frame: a refused one does not.
 */
async function statesShown(page: ChatPage): Promise<string[]> {
  const log = await page.page.evaluate(() => (globalThis as unknown as { statusLog: { text: string }[] }).statusLog);
  const states = log.map(({ text }) => text.replace(/^● /, '').replace(/ in \d+\.\d s,/, ',')).filter((state) => state !== '' && !state.startsWith('connecting, attempt'));
  return states.filter((state, i) => state !== states[i - 1]);
}
const streamLog = (page: ChatPage): Promise<Logged[]> => page.page.evaluate(() => (globalThis as unknown as { streamLog: Logged[] }).streamLog);

/** A room with bob on a terminal client, three messages of his, and Ann's page on SSE through a relay, showing them. */
async function roomBehindRelay() {
  const server = await startTestServer({ webRoot: defaultWebRoot(), ...NO_SEND_LIMITS });
  const relay = await startTestRelay(server.url);
  const bob = await connected({ server: server.url, room: 'dev', user: 'bob', transport: 'ws' });
  const ann = await browser.open(`${relay.url}/?room=dev&transport=sse&as=Ann`, { init: WATCH });
  await ann.opened();
  for (const n of [1, 2, 3]) bob.client.send(`bob ${n}`);
  await waitFor(async () => messagesOf(await ann.rows()).length === 3, 5000, 'bob\'s three messages on the page');
  expect(streamRequests).toHaveLength(1);
  const retryMs = Number(new URL(streamRequests[0]!.url, server.url).searchParams.get('retry'));
  return { server, relay, ann, retryMs };
}

/** Sent while the stream is down: two by curl straight to the server, one typed on the page; returns when curl's were stored. */
async function sendMeanwhile(serverUrl: string, ann: ChatPage): Promise<number> {
  for (const n of [1, 2]) await postMessage(serverUrl, { user: 'curl', text: `meanwhile ${n}` }, 'dev');
  const storedAt = Date.now();
  await ann.send('typed meanwhile');
  return storedAt;
}

async function expectEachOnce(ann: ChatPage, serverUrl: string): Promise<void> {
  await waitFor(async () => messagesOf(await ann.rows()).includes('Ann: typed meanwhile ✓'), 10_000, 'the page\'s own message delivered');
  const lines = messagesOf(await ann.rows());
  // Others' messages in the order of their ids; one's own where it was typed, as in the terminal.
  expect(lines).toHaveLength(6);
  expect(lines.filter((line) => !line.startsWith('Ann: '))).toEqual(['bob: bob 1', 'bob: bob 2', 'bob: bob 3', 'curl: meanwhile 1', 'curl: meanwhile 2']);
  expect(lines.filter((line) => line.startsWith('Ann: '))).toEqual(['Ann: typed meanwhile ✓']);
  const stored = (await getMessages(serverUrl, 'room=dev&since=0')).messages;
  expect(stored.map((m) => `${m.user}: ${m.text}`).sort()).toEqual(lines.map((line) => line.replace(/ ✓$/, '')).sort());
  expect(await ann.status()).toMatch(/reconnects 1 .*pending 0/);
}

describe('the page on sse when its stream is cut and the server stays up', () => {
  it('lets the EventSource retry by itself after the retry it asked for, resuming by the Last-Event-ID it kept, showing reconnecting meanwhile; nothing lost or twice', async () => {
    const { server, relay, ann, retryMs } = await roomBehindRelay();
    // The first step of the backoff, 1 s with its jitter, as the stream asked the server.
    expect(retryMs).toBeGreaterThanOrEqual(500);
    expect(retryMs).toBeLessThanOrEqual(1000);

    const cutAt = Date.now();
    relay.apply({ kind: 'cut' });
    const storedAt = await sendMeanwhile(server.url, ann);
    await waitFor(async () => (await ann.status()).startsWith('● open ') && streamRequests.length === 2, 10_000, 'the stream open again');
    await expectEachOnce(ann, server.url);

    // The same EventSource asked again for its first URL, with the id of the last message it had,
    // after the delay it asked for and after curl's messages were stored: they came as its backlog.
    const [first, retry] = streamRequests;
    expect(first!.lastEventId).toBeUndefined();
    expect(retry!.url).toBe(first!.url);
    expect(retry!.lastEventId).toBe('3');
    expect(retry!.at - cutAt).toBeGreaterThanOrEqual(retryMs - 10);
    expect(retry!.at).toBeGreaterThan(storedAt);
    expect((await streamLog(ann)).map((entry) => `${entry.kind} ${entry.id}`)).toEqual(['made 0', 'open 0', 'error 0', 'open 0']);
    // Reconnecting while the browser waits to retry, the first attempt; then open.
    expect(await statesShown(ann)).toEqual(['connecting', 'open', 'reconnecting, attempt 1', 'open']);
  });
});

describe('the page on sse when its server is down', () => {
  it('closes the EventSource once its own retry failed, and backs off with growing, jittered delays; back, it shows what was sent meanwhile once', async () => {
    const { server, relay, ann, retryMs } = await roomBehindRelay();
    relay.apply({ kind: 'down', ms: 60_000 });
    await sendMeanwhile(server.url, ann);
    // The lost stream, its own retry, then two new streams, each refused.
    const errors = await waitFor(async () => {
      const found = (await streamLog(ann)).filter((entry) => entry.kind === 'error');
      return found.length >= 4 && found;
    }, 20_000, 'four failures');
    relay.apply({ kind: 'heal' });
    const gaps = errors.slice(1, 4).map((entry, i) => entry.at - errors[i]!.at);
    console.log(`sse with its server down: retried by itself after ${gaps[0]} ms (asked ${retryMs}), then new streams after ${gaps[1]} and ${gaps[2]} ms`);
    expect(gaps[0]).toBeGreaterThanOrEqual(retryMs - 10);
    expect(gaps[0]).toBeLessThan(retryMs + 500);
    // The backoff's second and third steps: 1–2 s, then 2–4 s. Their jittered ranges touch, so
    // two neighbours may draw the same delay; the third step always outlasts the browser's retry.
    expect(gaps[1]).toBeGreaterThanOrEqual(1000);
    expect(gaps[2]).toBeGreaterThanOrEqual(2000);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    expect((await statesShown(ann)).slice(0, 5)).toEqual(['connecting', 'open', 'reconnecting, attempt 1', 'reconnecting, attempt 2', 'reconnecting, attempt 3']);

    await waitFor(async () => (await ann.status()).startsWith('● open '), 15_000, 'the page back');
    await expectEachOnce(ann, server.url);
    // One EventSource for the open stream and its own retry, closed by the page when that failed;
    // then one per attempt of the backoff, each from the last id, closed on its failure, none
    // left retrying by itself; the last one open.
    const log = await streamLog(ann);
    const last = log.at(-1)!.id;
    const kinds = (id: number): string[] => log.filter((entry) => entry.id === id).map((entry) => entry.kind);
    expect(kinds(0)).toEqual(['made', 'open', 'error', 'error', 'closed']);
    for (let id = 1; id < last; id++) expect(kinds(id), `EventSource ${id}`).toEqual(['made', 'error', 'closed']);
    expect(kinds(last)).toEqual(['made', 'open']);
    expect(log.filter((entry) => entry.kind === 'made' && entry.id > 0).map((entry) => new URL(entry.url!).searchParams.get('since'))).toEqual(Array<string>(last).fill('3'));
    // The server saw the stream before and the new one after, resuming by since: none was left
    // retrying by itself.
    expect(streamRequests).toHaveLength(2);
    expect(streamRequests[1]!.lastEventId).toBeUndefined();
    expect(new URL(streamRequests[1]!.url, server.url).searchParams.get('since')).toBe('3');
  });
});
