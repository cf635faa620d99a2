import { afterEach, describe, expect, it } from 'vitest';
import type { GetMessagesResponse } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { getMessages, postMessage } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const controllers = new Set<AbortController>();
afterEach(() => {
  for (const controller of controllers) controller.abort();
  controllers.clear();
});

/** Starts a long poll; resolves with the answer and when it arrived. */
function longPoll(server: RunningServer, query: string): { done: Promise<{ body: GetMessagesResponse; at: number }>; abort: () => void } {
  const controller = new AbortController();
  controllers.add(controller);
  const done = getMessages(server.url, query, controller.signal).then((body) => ({ body, at: performance.now() }));
  return { done, abort: () => controller.abort() };
}

/** Resolves once the server holds `n` long polls. */
async function held(server: RunningServer, n: number): Promise<void> {
  await waitFor(async () => (await server.metrics.snapshot()).heldLongPolls === n, 5000, `${n} held long polls`);
}

describe('GET /messages?wait= (long poll)', () => {
  it('answers at once when something newer than since exists', async () => {
    const server = await startTestServer();
    await postMessage(server.url, { user: 'alice', text: 'already here' });
    const started = performance.now();
    const page = await getMessages(server.url, 'since=0&wait=10000');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(page.messages.map((m) => m.text)).toEqual(['already here']);
    expect(page.epoch).toBe(server.store.epoch);
  });

  it('holds until a message arrives and answers within a few ms of the post', async () => {
    const server = await startTestServer();
    const poll = longPoll(server, 'room=lobby&since=0&wait=10000');
    await held(server, 1);
    const posting = performance.now();
    const posted = await postMessage(server.url, { user: 'bob', text: 'wake up' });
    const { body, at } = await poll.done;
    expect(at - posting).toBeLessThan(200);
    expect(body.messages).toEqual([posted.body.message]);
    expect(body.hasMore).toBe(false);
    expect(body.epoch).toBe(server.store.epoch);
    await held(server, 0);
  });

  it('answers with no messages once the wait passes', async () => {
    const server = await startTestServer();
    const started = performance.now();
    const page = await getMessages(server.url, 'room=lobby&since=0&wait=300');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(3000);
    expect(page).toEqual({ messages: [], epoch: server.store.epoch, hasMore: false });
    await held(server, 0);
  });

  it('answers wait=0 at once, like a short poll, with the heartbeat a held poll should not wait past', async () => {
    const server = await startTestServer({ heartbeatSeconds: 2 });
    const started = performance.now();
    const page = await getMessages(server.url, 'since=0&wait=0');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(page).toEqual({ messages: [], epoch: server.store.epoch, hasMore: false, heartbeatMs: 2000 });
  });

  it('is not woken by a message in another room', async () => {
    const server = await startTestServer();
    const poll = longPoll(server, 'room=quiet&since=0&wait=400');
    await held(server, 1);
    await postMessage(server.url, { user: 'bob', text: 'not for you' }, 'noisy');
    const { body } = await poll.done;
    expect(body.messages).toEqual([]);
  });

  it('wakes every long poll waiting on the room with the same message', async () => {
    const server = await startTestServer();
    const polls = Array.from({ length: 10 }, () => longPoll(server, 'room=lobby&since=0&wait=10000'));
    await held(server, 10);
    const posted = await postMessage(server.url, { user: 'bob', text: 'to all' });
    const answers = await Promise.all(polls.map((p) => p.done));
    for (const { body } of answers) expect(body.messages).toEqual([posted.body.message]);
    await held(server, 0);
  });

  it('gives up a long poll whose client went away', async () => {
    const server = await startTestServer();
    const poll = longPoll(server, 'room=lobby&since=0&wait=10000');
    await held(server, 1);
    poll.abort();
    await expect(poll.done).rejects.toThrow();
    await held(server, 0);
    // The next message is still delivered to the next poller.
    const next = longPoll(server, 'room=lobby&since=0&wait=10000');
    await held(server, 1);
    await postMessage(server.url, { user: 'bob', text: 'after abort' });
    expect((await next.done).body.messages.map((m) => m.text)).toEqual(['after abort']);
  });

  it('answers held long polls when the server shuts down', async () => {
    const server = await startTestServer();
    const poll = longPoll(server, 'room=lobby&since=0&wait=30000');
    await held(server, 1);
    const closing = performance.now();
    await server.close();
    const { body, at } = await poll.done;
    expect(at - closing).toBeLessThan(2000);
    expect(body.messages).toEqual([]);
  });
});
