import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { errorBody, http, postMessage } from '../helpers/http.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { openSse, type SseClient } from '../helpers/sse.js';
import { waitFor } from '../helpers/wait.js';

interface Welcome {
  epoch: string;
  lastId: number;
  online: { user: string; transport: string }[];
}

async function messageIds(client: SseClient, count: number, timeoutMs = 5000): Promise<number[]> {
  await waitFor(() => client.messages().length >= count, timeoutMs, `${count} SSE messages`);
  return client.messages().map((m) => m.id);
}

async function openStreams(server: RunningServer): Promise<number> {
  return (await server.metrics.snapshot()).openSse;
}

describe('GET /events (Server-Sent Events)', () => {
  it('sends retry first, then welcome with the epoch, the last id, who is online and the heartbeat', async () => {
    const server = await startTestServer();
    await postMessage(server.url, { user: 'alice', text: 'one' });
    await postMessage(server.url, { user: 'alice', text: 'two' });
    const client = await openSse(`${server.url}/events?room=lobby&since=2&user=carol`);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(client.headers['cache-control']).toContain('no-cache');
    const welcome = await client.event<Welcome>('welcome');
    expect(welcome).toEqual({ epoch: server.store.epoch, lastId: 2, online: [{ user: 'carol', transport: 'sse' }], heartbeatMs: 5000 });
    expect(client.raw.startsWith('retry: ')).toBe(true);
    expect(client.items[0]).toEqual({ kind: 'retry', ms: 1000 });
    expect(client.items[1]).toMatchObject({ kind: 'event', event: 'welcome' });
    // since=2 is the last id: no backlog follows.
    expect(client.messages()).toEqual([]);
  });

  it('sends the backlog after since, then live messages, each with its id', async () => {
    const server = await startTestServer();
    const posted: Message[] = [];
    for (const text of ['a', 'b', 'c']) posted.push((await postMessage(server.url, { user: 'alice', text })).body.message);
    const client = await openSse(`${server.url}/events?room=lobby&since=1`);
    expect(await messageIds(client, 2)).toEqual([2, 3]);
    posted.push((await postMessage(server.url, { user: 'bob', text: 'live' })).body.message);
    expect(await messageIds(client, 3)).toEqual([2, 3, 4]);
    expect(client.messages<Message>()).toEqual(posted.slice(1));
    const wire = client.events.filter((e) => e.event === 'message');
    expect(wire.map((e) => e.id)).toEqual(['2', '3', '4']);
    expect(client.raw).toContain(`id: 4\nevent: message\ndata: ${JSON.stringify(posted[3])}\n\n`);
  });

  it('does not send a repeated clientId twice, nor messages of other rooms', async () => {
    const server = await startTestServer();
    const client = await openSse(`${server.url}/events?room=lobby`);
    await client.event('welcome');
    await postMessage(server.url, { user: 'alice', text: 'once', clientId: 'x' });
    await postMessage(server.url, { user: 'alice', text: 'once', clientId: 'x' });
    await postMessage(server.url, { user: 'alice', text: 'elsewhere' }, 'other');
    await postMessage(server.url, { user: 'alice', text: 'marker' });
    expect(await messageIds(client, 2)).toEqual([1, 2]);
    expect(client.messages().map((m) => m.text)).toEqual(['once', 'marker']);
  });

  it('resumes from Last-Event-ID, which wins over since', async () => {
    const server = await startTestServer();
    for (const text of ['a', 'b', 'c', 'd']) await postMessage(server.url, { user: 'alice', text });
    const client = await openSse(`${server.url}/events?room=lobby&since=0`, { 'last-event-id': '2' });
    expect(await messageIds(client, 2)).toEqual([3, 4]);
    // Nothing before 3 sneaks in later.
    await postMessage(server.url, { user: 'alice', text: 'e' });
    expect(await messageIds(client, 3)).toEqual([3, 4, 5]);
  });

  it('announces the keep-alives\' period as its heartbeat: 15 s at most, whatever --heartbeat says', async () => {
    const server = await startTestServer({ heartbeatSeconds: 60 });
    const client = await openSse(`${server.url}/events?room=lobby`);
    expect(await client.event<Welcome>('welcome')).toMatchObject({ heartbeatMs: 15_000 });
  });

  it('sends keep-alive comments at the heartbeat when it is under 15 s', async () => {
    const server = await startTestServer({ heartbeatSeconds: 0.2 });
    const client = await openSse(`${server.url}/events?room=lobby`);
    await waitFor(() => client.items.filter((item) => item.kind === 'comment').length >= 2, 5000, 'two keep-alive comments');
    expect(client.raw).toMatch(/\n\n: [^\n]*\n\n/);
  });

  it('sends the keep-alives as events to a client that asks (keepalive=event), which an EventSource can see', async () => {
    const server = await startTestServer({ heartbeatSeconds: 0.2 });
    const client = await openSse(`${server.url}/events?room=lobby&keepalive=event`);
    await waitFor(() => client.items.filter((item) => item.kind === 'event' && item.event === 'keep-alive').length >= 2, 5000, 'two keep-alive events');
    expect(client.items.filter((item) => item.kind === 'comment')).toEqual([]);
    expect(client.raw).toContain('\n\nevent: keep-alive\ndata: {}\n\n');
  });

  it('refuses a keepalive other than event, saying what it may be', async () => {
    const server = await startTestServer();
    const answer = await http(`${server.url}/events?room=lobby&keepalive=comment`);
    expect(answer.status).toBe(400);
    expect(errorBody(answer)).toEqual({ code: 'invalid_field', error: 'keepalive may only be "event" (keep-alives as events an EventSource can see); got "comment"' });
  });

  it('ends the stream when the server shuts down, and counts it closed when a client leaves', async () => {
    const server = await startTestServer();
    const leaving = await openSse(`${server.url}/events?room=lobby&user=leaver`);
    const staying = await openSse(`${server.url}/events?room=lobby`);
    await leaving.event('welcome');
    await staying.event('welcome');
    expect(await openStreams(server)).toBe(2);
    leaving.close();
    await waitFor(async () => (await openStreams(server)) === 1, 5000, 'one open stream');
    await server.close();
    await staying.endedWithin(5000);
  });

  it('opens with the retry a client asks for (retry=MS), for its EventSource\'s own reconnect, and refuses one out of range', async () => {
    const server = await startTestServer();
    const asked = await openSse(`${server.url}/events?room=lobby&keepalive=event&retry=734`);
    await asked.event('welcome');
    expect(asked.items[0]).toEqual({ kind: 'retry', ms: 734 });
    expect(asked.raw.startsWith('retry: 734\n\nevent: welcome\n')).toBe(true);
    for (const [retry, error] of [
      ['60001', 'retry must be at most 60000; got 60001'],
      ['-1', 'retry must be a non-negative integer; got "-1"'],
      ['soon', 'retry must be a non-negative integer; got "soon"'],
    ]) {
      const answer = await http(`${server.url}/events?room=lobby&retry=${retry}`);
      expect(answer.status, retry).toBe(400);
      expect(errorBody(answer), retry).toEqual({ code: 'invalid_field', error });
    }
  });

  it('cuts off a reader whose unread buffer passes maxBufferedBytes; it resumes by Last-Event-ID losing nothing', async () => {
    const maxBufferedBytes = 64 * 1024;
    const server = await startTestServer({ ...NO_SEND_LIMITS, maxBufferedBytes, maxText: 40_000 });
    const slow = await openSse(`${server.url}/events?room=lobby&since=0`);
    await slow.event('welcome');
    slow.pause();

    // Post until the server gives up on the paused reader; kernel buffers take the first few MB.
    const text = 'x'.repeat(32 * 1024);
    let posted = 0;
    while ((await openStreams(server)) > 0) {
      if (posted >= 2000) throw new Error('the paused reader was never cut off');
      await postMessage(server.url, { user: 'alice', text: `${posted + 1} ${text}` });
      posted++;
    }
    // A message after the cut-off goes to the store only.
    await postMessage(server.url, { user: 'alice', text: `${++posted} ${text}` });

    slow.resume();
    await slow.endedWithin(10_000);
    const seen = slow.messages().map((m) => m.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(posted);
    expect(seen).toEqual(seen.map((_, i) => i + 1));

    const lastId = slow.events.filter((e) => e.event === 'message').at(-1)!.id!;
    const resumed = await openSse(`${server.url}/events?room=lobby&since=0`, { 'last-event-id': lastId });
    const rest = await messageIds(resumed, posted - seen.length, 10_000);
    expect([...seen, ...rest]).toEqual(Array.from({ length: posted }, (_, i) => i + 1));
    expect(resumed.messages().every((m) => m.text.startsWith(`${m.id} `))).toBe(true);
    expect(resumed.ended).toBe(false);
  });

  it('sends a backlog many times maxBufferedBytes to a reader that keeps up, without cutting it off', async () => {
    const maxBufferedBytes = 32 * 1024;
    const server = await startTestServer({ ...NO_SEND_LIMITS, maxBufferedBytes, maxText: 20_000 });
    const count = 120;
    for (let i = 1; i <= count; i++) await server.store.append('lobby', { user: 'alice', text: `${i} ${'y'.repeat(16 * 1024)}` }, i);
    const reader = await openSse(`${server.url}/events?room=lobby&since=0`);
    expect(await messageIds(reader, count, 10_000)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(reader.ended).toBe(false);
    expect(await openStreams(server)).toBe(1);
  });
});

describe('GET /events on the wire', () => {
  it('is a valid chunked body, one chunk per event, ended by the last chunk when the server stops', async () => {
    const server = await startTestServer();
    const socket = connect(server.port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /events?room=lobby&user=carol HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n');
    await waitFor(() => raw.includes('event: welcome'), 5000, 'the welcome');
    const sent = (await postMessage(server.url, { user: 'alice', text: 'héllo' })).body.message;
    await waitFor(() => raw.includes(`id: ${sent.id}`), 5000, 'the message');
    await server.close();
    await ended;

    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^transfer-encoding: chunked$/im);
    const events: string[] = [];
    let rest = Buffer.from(raw.slice(head.length + 4), 'latin1');
    for (;;) {
      const line = rest.indexOf('\r\n');
      const size = parseInt(rest.subarray(0, line).toString('latin1'), 16);
      expect(Number.isNaN(size)).toBe(false);
      if (size === 0) {
        expect(rest.subarray(line).toString('latin1')).toBe('\r\n\r\n');
        break;
      }
      events.push(rest.subarray(line + 2, line + 2 + size).toString('utf8'));
      expect(rest.subarray(line + 2 + size, line + 4 + size).toString('latin1')).toBe('\r\n');
      rest = rest.subarray(line + 4 + size);
    }
    expect(events[0]).toBe('retry: 1000\n\n');
    expect(events[1]).toMatch(/^event: welcome\ndata: \{.*\}\n\n$/);
    expect(events).toContain(`id: ${sent.id}\nevent: message\ndata: ${JSON.stringify(sent)}\n\n`);
  });
});
