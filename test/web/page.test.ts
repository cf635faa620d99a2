import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWebRoot } from '../../src/server/base/options.js';
import { browserForFile, messagesOf } from '../helpers/browser.js';
import { connected } from '../helpers/chat-clients.js';
import { spawnServe } from '../helpers/cli.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/*
 * What the page asks and how it behaves, in a real Chromium: a token, a name, transports switched
 * live, a long conversation, an idle page. The built page is served by `termchat serve`, or by a
 * server in this process where the test fills its history directly.
 */

const browser = browserForFile();

/** Where the screenshots go, for a person to look at: the same files each run. */
const SCREENSHOTS = join(tmpdir(), 'termchat-web-screenshots');

describe('the page and a server that wants a token', () => {
  it('asks for it, says why a wrong one is refused, and joins with the right one, keeping it in the tab alone', async () => {
    const serve = await spawnServe(['--memory', '--token', 's3cret']);
    const ann = await browser.open(`${serve.url}/?room=dev&transport=sse&as=Ann`);
    const problem = ann.page.locator('#token-problem');
    await waitFor(async () => (await problem.count()) > 0, 5000, 'the token form');
    expect(await problem.innerText()).toBe('This server asks for a token.');
    expect(await ann.page.evaluate(() => document.activeElement?.id)).toBe('token');

    await ann.page.locator('#token').fill('wrong');
    await ann.page.locator('#token').press('Enter');
    await waitFor(async () => (await problem.innerText()).startsWith('The server refused'), 5000, 'the refusal');
    expect(await problem.innerText()).toBe('The server refused the token: the token is not valid');

    await ann.page.locator('#token').fill('s3cret');
    await ann.page.locator('#token').press('Enter');
    await ann.opened();
    await ann.send('with the token');
    await waitFor(async () => messagesOf(await ann.rows()).includes('Ann: with the token ✓'), 5000, 'the message delivered');
    expect(await ann.page.evaluate(() => [sessionStorage.getItem('termchat.token'), localStorage.getItem('termchat.token'), location.search])).toEqual(['s3cret', null, '?room=dev&transport=sse&as=Ann']);
  });
});

describe('the page without a name in its link', () => {
  it('asks a name, remembers it, and says what is wrong with a bad one', async () => {
    const serve = await spawnServe(['--memory']);
    const page = await browser.open(`${serve.url}/?room=dev`);
    const name = page.page.locator('#name');
    await waitFor(async () => (await name.count()) > 0, 5000, 'the name form');
    expect(await page.page.evaluate(() => document.activeElement?.id)).toBe('name');
    await name.fill('   ');
    await name.press('Enter');
    expect(await page.page.locator('#name-error').innerText()).toBe('user must be 1-32 printable characters, not blank; got 0');
    expect(await name.getAttribute('aria-invalid')).toBe('');
    await name.fill('Zoe');
    await page.page.locator('#join-transport').selectOption('longpoll');
    await name.press('Enter');
    await page.opened();
    expect(await page.page.evaluate(() => [document.activeElement?.id, location.search])).toEqual(['message', '?room=dev&transport=longpoll']);

    await page.page.reload();
    await waitFor(async () => (await name.count()) > 0, 5000, 'the name form again');
    expect(await name.inputValue()).toBe('Zoe');
  });
});

describe('the page, switching transports live', () => {
  it('keeps its place: nothing lost or twice, and the status bar follows', async () => {
    const serve = await spawnServe(['--memory', '--rate', '0']);
    const bob = await connected({ server: serve.url, room: 'dev', user: 'bob', transport: 'ws' });
    const ann = await browser.open(`${serve.url}/?room=dev&transport=ws&as=Ann`);
    await ann.opened();
    const expected: string[] = [];
    const picker = ann.page.locator('#transport');
    for (const [kind, label] of [['sse', 'sse'], ['longpoll', 'longpoll'], ['poll', 'poll'], ['ws', 'ws']] as const) {
      await picker.selectOption(kind);
      if (kind === 'poll') await ann.page.locator('#interval').selectOption('250');
      await waitFor(async () => (await ann.status()).startsWith(`● open ${label} `), 8000, `open on ${kind}`);
      bob.client.send(`to ${kind}`);
      await ann.send(`from ${kind}`);
      expected.push(`bob: to ${kind}`, `Ann: from ${kind} ✓`);
      await waitFor(async () => messagesOf(await ann.rows()).length === expected.length && !messagesOf(await ann.rows()).some((line) => line.endsWith('⋯')), 5000, `both messages on ${kind}`);
      expect(new Set(messagesOf(await ann.rows()))).toEqual(new Set(expected));
    }
    expect(await ann.page.evaluate(() => location.search)).toBe('?room=dev&transport=ws&as=Ann');
    expect(await ann.page.locator('.row.system').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('now using poll')]));
    expect(await ann.status()).toMatch(/reconnects 0 /);
  });
});

describe('the page on a desktop and on a phone', () => {
  it('lays the chat out at both widths, with every status field, and leaves a screenshot of each', async () => {
    const serve = await spawnServe(['--memory']);
    const bob = await connected({ server: serve.url, room: 'dev', user: 'bob', transport: 'poll', interval: 200 });
    bob.client.send('the page speaks every transport from the browser');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const looks = [['desktop', { width: 1280, height: 720 }, 'light'], ['phone', { width: 390, height: 844 }, 'dark']] as const;
    for (const [name, viewport, colorScheme] of looks) {
      const ann = await browser.open(`${serve.url}/?room=dev&transport=sse&as=Ann`, { viewport, colorScheme });
      await ann.opened();
      await ann.send('and shows what each costs, live');
      await waitFor(async () => messagesOf(await ann.rows()).length === (name === 'desktop' ? 2 : 3) && !(await ann.status()).includes('latency —'), 5000, 'messages in');
      const fields = await ann.page.locator('.status .field').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-field') ?? 'latency'));
      expect(fields).toEqual(['latency', 'ping', 'waste', 'req/s', 'tcp', 'overhead', 'reconnects', 'pending']);
      // Nothing wider than the window, whatever its width; light or dark as the system is.
      expect(await ann.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const background = await ann.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(colorScheme === 'dark' ? 'rgb(22, 24, 27)' : 'rgb(251, 251, 250)');
      const file = join(SCREENSHOTS, `${name}.png`);
      await ann.page.screenshot({ path: file });
      const png = readFileSync(file);
      expect([png.subarray(1, 4).toString(), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['PNG', viewport.width, viewport.height]);
    }
    console.log(`screenshots of the page: ${SCREENSHOTS}/desktop.png, ${SCREENSHOTS}/phone.png`);
  });
});

describe('the page with 10,000 messages', () => {
  it('draws only the rows near the view, reaching the last and the first, and scrolls in short frames', async () => {
    const server = await startTestServer({ webRoot: defaultWebRoot(), history: 0, rate: undefined });
    const start = Date.now() - 60_000;
    for (let i = 1; i <= 10_000; i++) await server.store.append('big', { user: `user${i % 7}`, text: i % 10 === 0 ? `message ${i}\nwith a second line` : `message ${i}` }, start + i);
    const opened = Date.now();
    const ann = await browser.open(`${server.url}/?room=big&transport=sse&as=Ann`);
    await waitFor(async () => (await ann.page.locator('.row.message').last().innerText().catch(() => '')).includes('message 10000'), 15_000, 'the last message shown');
    const shownMs = Date.now() - opened;
    const rowsDrawn = await ann.page.locator('.row').count();
    expect(rowsDrawn).toBeLessThanOrEqual(300);

    // Up through a hundred screenfuls, one a frame, timing each frame; then to the very first message.
    const frames = await ann.page.evaluate(async () => {
      const list = document.querySelector('.messages')!;
      const gaps: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 100; i++) {
        list.scrollTop -= list.clientHeight;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      list.scrollTop = 0;
      return gaps.sort((a, b) => a - b);
    });
    await waitFor(async () => (await ann.page.locator('.row.message').first().innerText()).includes('message 1\n') || (await ann.page.locator('.row.message').first().innerText()).endsWith('message 1'), 5000, 'the first message shown');
    expect(await ann.page.locator('.row').count()).toBeLessThanOrEqual(300);
    const p95 = frames[Math.floor(frames.length * 0.95)]!;
    console.log(`10,000 messages: last one shown ${shownMs} ms after opening, ${rowsDrawn} rows drawn; ${frames.length} screenfuls scrolled, a frame each: median ${frames[frames.length >> 1]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    expect(p95).toBeLessThan(100);
  });
});

describe('an idle page', () => {
  it('sets no timer of its own: only its transport wakes it', async () => {
    const server = await startTestServer({ webRoot: defaultWebRoot(), heartbeatSeconds: 0.25 });
    // Counts every timer the page sets, from before its script runs.
    const count = `(() => {
      const counts = { timeout: 0, interval: 0, frame: 0 };
      globalThis.timerCounts = counts;
      const { setTimeout: timeout, setInterval: interval, requestAnimationFrame: frame } = globalThis;
      globalThis.setTimeout = (...args) => (counts.timeout++, timeout(...args));
      globalThis.setInterval = (...args) => (counts.interval++, interval(...args));
      globalThis.requestAnimationFrame = (...args) => (counts.frame++, frame(...args));
    })()`;
    for (const kind of ['ws', 'sse'] as const) {
      const ann = await browser.open(`${server.url}/?room=idle-${kind}&transport=${kind}&as=Ann`, { init: count });
      await ann.opened();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const read = () => ann.page.evaluate(() => ({ ...(globalThis as unknown as { timerCounts: { timeout: number; interval: number; frame: number } }).timerCounts, at: performance.now() }));
      const before = await read();
      // About four heartbeats of nothing but the heartbeat.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await read();
      const timeouts = after.timeout - before.timeout;
      const frames = after.frame - before.frame;
      // The heartbeats that can fall in the window the page itself lived (longer on a busy machine).
      const beats = Math.ceil((after.at - before.at) / 250) + 1;
      console.log(`idle ${kind} page, ${beats} heartbeats at most: ${timeouts} timers, ${frames} frames, ${after.interval} intervals`);
      expect(after.interval).toBe(0);
      // ws: a ping a heartbeat and the watchdog's check every other; sse: the watchdog's alone. A
      // status bar sampled four times a second would add as many as the heartbeats and more.
      expect(timeouts).toBeLessThanOrEqual(kind === 'ws' ? beats + Math.ceil(beats / 2) : Math.ceil(beats / 2) + 1);
      // A frame drawn only when something went or came: a ping and its pong, a keep-alive.
      expect(frames).toBeLessThanOrEqual(2 * beats);
    }
  });
});
