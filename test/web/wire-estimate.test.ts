import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { acceptLanguage, browserHeaders, httpChunkBytes, requestHeadBytes, sseEventBytes, sseOpeningBytes, UPGRADE_ANSWER_BYTES, wsFrameBytes } from '../../src/web/wire/estimate.js';
import { PageWire, SERVER_IDLE_MS } from '../../src/web/wire/page-wire.js';
import { postMessage } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** What Chromium 156 says of itself on Linux, as a page reads it. */
const CHROMIUM = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  languages: ['en-US', 'en'],
  userAgentData: { brands: [{ brand: 'Not:A-Brand', version: '8' }, { brand: 'Chromium', version: '156' }], mobile: false, platform: 'Linux' },
};

/** Requests as Chromium 156 sent them for a page with no referrer, captured on the wire. */
const SENT = {
  poll: [
    'GET /messages?room=lobby&since=0 HTTP/1.1',
    'Host: 127.0.0.1:35097',
    'Connection: keep-alive',
    'sec-ch-ua-platform: "Linux"',
    'authorization: Bearer x',
    `User-Agent: ${CHROMIUM.userAgent}`,
    'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"',
    'sec-ch-ua-mobile: ?0',
    'Accept: */*',
    'Sec-Fetch-Site: same-origin',
    'Sec-Fetch-Mode: cors',
    'Sec-Fetch-Dest: empty',
    'Accept-Encoding: gzip, deflate, br, zstd',
    'Accept-Language: en-US,en;q=0.9',
  ],
  upgrade: [
    'GET /ws?x=1 HTTP/1.1',
    'Host: 127.0.0.1:35097',
    'Connection: Upgrade',
    'Pragma: no-cache',
    'Cache-Control: no-cache',
    `User-Agent: ${CHROMIUM.userAgent}`,
    'Upgrade: websocket',
    'Origin: http://127.0.0.1:35097',
    'Sec-WebSocket-Version: 13',
    'Accept-Encoding: gzip, deflate, br, zstd',
    'Accept-Language: en-US,en;q=0.9',
    'Sec-WebSocket-Key: ivoUgVxhUT5a4IwuZWJ+XA==',
    'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
    'Sec-WebSocket-Protocol: termchat.v1',
  ],
};
const bytesOf = (lines: readonly string[]): number => Buffer.byteLength(`${lines.join('\r\n')}\r\n\r\n`);

/** The raw bytes a server answers `request` with, up to when `enough` says. */
function rawAnswer(port: number, request: string, enough: (raw: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (chunk) => {
      raw += chunk.toString('latin1');
      if (!enough(raw)) return;
      socket.destroy();
      resolve(raw);
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

describe("the page's estimate of the bytes a browser hides", () => {
  it("counts a request as Chromium sends it: the page's own headers exactly, the browser's from what it says of itself", () => {
    const browser = browserHeaders(CHROMIUM, true);
    expect(acceptLanguage(CHROMIUM.languages)).toBe('en-US,en;q=0.9');
    const head = { method: 'GET', target: '/messages?room=lobby&since=0', host: '127.0.0.1:35097', own: { authorization: 'Bearer x' }, origin: 'http://127.0.0.1:35097' } as const;
    expect(requestHeadBytes(head, 'fetch', browser)).toBe(bytesOf(SENT.poll));
    expect(requestHeadBytes({ ...head, target: '/ws?x=1', own: {} }, 'websocket', browser)).toBe(bytesOf(SENT.upgrade));
    // Out of a secure context Chromium sends no client hints.
    expect(requestHeadBytes(head, 'fetch', browserHeaders(CHROMIUM, false))).toBe(bytesOf(SENT.poll.filter((line) => !line.startsWith('sec-ch-ua'))));
  });

  it("counts the heads of termchat's SSE stream and WebSocket upgrade, and each event and frame, as the server sends them", async () => {
    const server = await startTestServer({ heartbeatSeconds: 60 });
    const sse = await rawAnswer(server.port, 'GET /events?room=lobby HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', (raw) => raw.includes('event: welcome'));
    expect(sse.indexOf('\r\n', sse.indexOf('retry: 1000')) + 2).toBe(sseOpeningBytes(1000));
    const asked = await rawAnswer(server.port, 'GET /events?room=lobby&retry=734 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', (raw) => raw.includes('event: welcome'));
    expect(asked.indexOf('\r\n', asked.indexOf('retry: 734')) + 2).toBe(sseOpeningBytes(734));
    const upgrade = await rawAnswer(
      server.port,
      'GET /ws?room=lobby&user=a HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ivoUgVxhUT5a4IwuZWJ+XA==\r\nSec-WebSocket-Protocol: termchat.v1\r\n\r\n',
      (raw) => raw.includes('\r\n\r\n'),
    );
    expect(upgrade.indexOf('\r\n\r\n') + 4).toBe(UPGRADE_ANSWER_BYTES);

    let stream = '';
    const socket = connect(server.port, '127.0.0.1');
    socket.on('data', (chunk) => (stream += chunk.toString('latin1')));
    socket.write('GET /events?room=lobby HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await waitFor(() => stream.includes('event: welcome'), 5000, 'the stream');
    const { body } = await postMessage(server.url, { user: 'ann', text: 'héllo ☃' });
    await waitFor(() => stream.includes('event: message'), 5000, 'the message event');
    socket.destroy();
    const chunk = stream.slice(stream.lastIndexOf('\r\n', stream.indexOf('id: ') - 3) + 2);
    expect(Buffer.byteLength(chunk, 'latin1')).toBe(sseEventBytes('message', JSON.stringify(body.message), String(body.message.id)));
  });

  it('frames WebSocket text with 2, 4 or 10 bytes of header and a 4-byte mask from the client', () => {
    expect([wsFrameBytes(0, false), wsFrameBytes(125, false), wsFrameBytes(126, false), wsFrameBytes(65_535, false), wsFrameBytes(65_536, false)]).toEqual([2, 127, 130, 65_539, 65_546]);
    expect(wsFrameBytes(125, true)).toBe(131);
    expect([httpChunkBytes(13), httpChunkBytes(16), httpChunkBytes(4096)]).toEqual([1 + 2 + 13 + 2, 2 + 2 + 16 + 2, 4 + 2 + 4096 + 2]);
  });
});

describe("the page's connections, as a browser keeps them", () => {
  function wire(): { wire: PageWire; advance(ms: number): void; changes: () => number } {
    let now = 0;
    let changes = 0;
    const browser = browserHeaders(CHROMIUM, false);
    return { wire: new PageWire(browser, 'http://127.0.0.1:4000', () => now, () => changes++), advance: (ms) => (now += ms), changes: () => changes };
  }
  const get = (path: string) => ({ method: 'GET' as const, url: new URL(path, 'http://127.0.0.1:4000'), headers: {} });

  it('sends a request on an idle kept-alive connection while the server keeps it, else on a new one', () => {
    const { wire: page, advance } = wire();
    const first = page.fetch(get('/messages?room=lobby'));
    const second = page.fetch(get('/presence?room=lobby'));
    expect(page.connections).toBe(2);
    first.done();
    second.done();
    advance(SERVER_IDLE_MS - 1);
    page.fetch(get('/messages?room=lobby')).done();
    expect(page.connections).toBe(2);
    advance(SERVER_IDLE_MS);
    page.fetch(get('/messages?room=lobby')).done();
    expect(page.connections).toBe(3);
  });

  it('holds a connection for as long as a stream, gives a WebSocket its own, and forgets idle ones when the server is gone', () => {
    const { wire: page } = wire();
    page.fetch(get('/presence?room=lobby')).done();
    page.eventSource(new URL('http://127.0.0.1:4000/events?room=lobby'), 1000).open();
    expect(page.connections).toBe(1);
    page.fetch(get('/presence?room=lobby')).done();
    expect(page.connections).toBe(2);
    page.webSocket(new URL('ws://127.0.0.1:4000/ws?room=lobby&user=a')).upgraded();
    expect(page.connections).toBe(3);
    page.fetch(get('/messages?room=lobby')).failed();
    page.fetch(get('/messages?room=lobby'));
    expect(page.connections).toBe(4);
  });

  it("counts an EventSource's own retry as another request, carrying the Last-Event-ID it kept, and the retry: the stream asked for", () => {
    const { wire: page } = wire();
    const url = new URL('http://127.0.0.1:4000/events?room=lobby&retry=734');
    const stream = page.eventSource(url, 734);
    const first = page.bytes().sent;
    stream.event('message', '{}', '42');
    stream.event('keep-alive', '{}', '');
    const events = page.bytes().received;
    stream.retry();
    stream.open();
    expect(page.bytes()).toEqual({ sent: 2 * first + Buffer.byteLength('Last-Event-ID: 42\r\n'), received: events + sseOpeningBytes(734) });
    expect(page.connections).toBe(2);
  });

  it('counts each request, answer and frame, and says so each time', () => {
    const { wire: page, changes } = wire();
    const call = page.fetch({ method: 'POST', url: new URL('http://127.0.0.1:4000/messages?room=lobby'), headers: { 'content-type': 'application/json' }, body: '{"user":"a","text":"hi"}' });
    const sent = page.bytes().sent;
    expect(sent).toBeGreaterThan(24 + 300);
    call.head(201, 'Created', [['content-type', 'application/json; charset=utf-8'], ['content-length', '120']]);
    call.body(120);
    const socket = page.webSocket(new URL('ws://127.0.0.1:4000/ws?room=lobby&user=a'));
    socket.frame('{"type":"ping","t":1}', true);
    socket.frame('{"type":"pong","t":1}', false);
    const { received } = page.bytes();
    expect(received).toBe(Buffer.byteLength('HTTP/1.1 201 Created\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: 120\r\n\r\n') + 120 + 2 + 21);
    expect(changes()).toBe(6);
  });
});
