import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { getMessages, http, postMessage } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { openSse } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';

const controllers = new Set<AbortController>();
afterEach(() => {
  for (const controller of controllers) controller.abort();
  controllers.clear();
});

/** Samples of a Prometheus text exposition, keyed `name{label="value",…}` exactly as printed. */
type Samples = Map<string, number>;

function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

async function scrape(server: RunningServer): Promise<Samples> {
  const answer = await http(`${server.url}/metrics`);
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/plain/);
  return parseMetrics(answer.text);
}

function value(samples: Samples, key: string): number {
  const found = samples.get(key);
  if (found === undefined) throw new Error(`no sample ${key}; have ${[...samples.keys()].join(', ')}`);
  return found;
}

/** How much each sample moved between two scrapes. */
function moved(before: Samples, after: Samples, key: string): number {
  return value(after, key) - (before.get(key) ?? 0);
}

describe('GET /metrics', () => {
  it('exposes every series the contract names, per transport, from the start', async () => {
    const server = await startTestServer();
    const answer = await http(`${server.url}/metrics`);
    for (const name of ['termchat_connections', 'termchat_requests_total', 'termchat_polls_total', 'termchat_messages_total', 'termchat_deliveries_total', 'termchat_delivery_latency_seconds']) {
      expect(answer.text).toMatch(new RegExp(`^# TYPE ${name} (gauge|counter|histogram)$`, 'm'));
    }
    expect(answer.text).toMatch(/^# TYPE termchat_delivery_latency_seconds histogram$/m);
    const samples = parseMetrics(answer.text);
    for (const kind of TRANSPORT_KINDS) {
      expect(value(samples, `termchat_connections{transport="${kind}"}`)).toBe(0);
      expect(value(samples, `termchat_requests_total{transport="${kind}"}`)).toBe(0);
      expect(value(samples, `termchat_deliveries_total{transport="${kind}"}`)).toBe(0);
    }
    expect(value(samples, 'termchat_polls_total{result="empty"}')).toBe(0);
    expect(value(samples, 'termchat_polls_total{result="data"}')).toBe(0);
    expect(value(samples, 'termchat_messages_total')).toBe(0);
    expect(value(samples, 'termchat_delivery_latency_seconds_count')).toBe(0);
    expect(value(samples, 'termchat_delivery_latency_seconds_bucket{le="+Inf"}')).toBe(0);
  });

  it('counts polls, posts, messages and deliveries as they happen', async () => {
    const server = await startTestServer();
    const start = await scrape(server);

    await getMessages(server.url, 'since=0');
    await getMessages(server.url, 'since=0');
    const afterEmpty = await scrape(server);
    expect(moved(start, afterEmpty, 'termchat_polls_total{result="empty"}')).toBe(2);
    expect(moved(start, afterEmpty, 'termchat_requests_total{transport="poll"}')).toBe(2);
    expect(moved(start, afterEmpty, 'termchat_polls_total{result="data"}')).toBe(0);

    await postMessage(server.url, { user: 'alice', text: 'one', clientId: 'a1' });
    await postMessage(server.url, { user: 'alice', text: 'two' });
    await postMessage(server.url, { user: 'alice', text: 'one again', clientId: 'a1' });
    await http(`${server.url}/messages`, { method: 'POST', body: '{nope' });
    const afterPosts = await scrape(server);
    expect(moved(afterEmpty, afterPosts, 'termchat_messages_total')).toBe(2);
    expect(moved(afterEmpty, afterPosts, 'termchat_requests_total{transport="post"}')).toBe(4);

    await getMessages(server.url, 'since=0');
    await getMessages(server.url, 'since=1&wait=5000');
    const afterData = await scrape(server);
    expect(moved(afterPosts, afterData, 'termchat_polls_total{result="data"}')).toBe(2);
    expect(moved(afterPosts, afterData, 'termchat_deliveries_total{transport="poll"}')).toBe(2);
    expect(moved(afterPosts, afterData, 'termchat_deliveries_total{transport="longpoll"}')).toBe(1);
    expect(moved(afterPosts, afterData, 'termchat_requests_total{transport="longpoll"}')).toBe(1);
    expect(moved(afterPosts, afterData, 'termchat_delivery_latency_seconds_count')).toBe(3);
  });

  it('counts held long polls as connections while they are held', async () => {
    const server = await startTestServer();
    const controller = new AbortController();
    controllers.add(controller);
    const held = getMessages(server.url, 'since=0&wait=10000', controller.signal);
    await waitFor(async () => value(await scrape(server), 'termchat_connections{transport="longpoll"}') === 1, 5000, 'a held long poll');
    await postMessage(server.url, { user: 'bob', text: 'release' });
    expect((await held).messages).toHaveLength(1);
    const after = await scrape(server);
    expect(value(after, 'termchat_connections{transport="longpoll"}')).toBe(0);
    expect(value(after, 'termchat_deliveries_total{transport="longpoll"}')).toBe(1);
    expect(value(after, 'termchat_polls_total{result="data"}')).toBe(1);
  });

  it('counts SSE streams open, requests and deliveries', async () => {
    const server = await startTestServer();
    const a = await openSse(`${server.url}/events?room=lobby`);
    const b = await openSse(`${server.url}/events?room=lobby`);
    await a.event('welcome');
    await b.event('welcome');
    const open = await scrape(server);
    expect(value(open, 'termchat_connections{transport="sse"}')).toBe(2);
    expect(value(open, 'termchat_requests_total{transport="sse"}')).toBe(2);

    await postMessage(server.url, { user: 'alice', text: 'fan out' });
    await a.event('message');
    await b.event('message');
    const delivered = await scrape(server);
    expect(moved(open, delivered, 'termchat_deliveries_total{transport="sse"}')).toBe(2);
    expect(moved(open, delivered, 'termchat_delivery_latency_seconds_count')).toBe(2);

    a.close();
    b.close();
    await waitFor(async () => value(await scrape(server), 'termchat_connections{transport="sse"}') === 0, 5000, 'SSE streams closed');
    expect(value(await scrape(server), 'termchat_requests_total{transport="sse"}')).toBe(2);
  });

  it('observes delivery latency from commit to hand-over on the server clock', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    await postMessage(server.url, { user: 'alice', text: 'slow to be read' });
    clock += 30;
    await getMessages(server.url, 'since=0');
    const samples = await scrape(server);
    expect(value(samples, 'termchat_delivery_latency_seconds_count')).toBe(1);
    expect(value(samples, 'termchat_delivery_latency_seconds_sum')).toBeCloseTo(0.03, 6);
    expect(value(samples, 'termchat_delivery_latency_seconds_bucket{le="0.025"}')).toBe(0);
    expect(value(samples, 'termchat_delivery_latency_seconds_bucket{le="0.05"}')).toBe(1);
    expect(value(samples, 'termchat_delivery_latency_seconds_bucket{le="+Inf"}')).toBe(1);
  });

  it('keeps the metrics of two servers in one process apart', async () => {
    const one = await startTestServer();
    const two = await startTestServer();
    await postMessage(one.url, { user: 'alice', text: 'only on one' });
    expect(value(await scrape(one), 'termchat_messages_total')).toBe(1);
    expect(value(await scrape(two), 'termchat_messages_total')).toBe(0);
  });
});
