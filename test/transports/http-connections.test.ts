import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from '../../src/transports/clock.js';
import { fetchText, type HttpConnections, type HttpIo } from '../../src/transports/http.js';
import { NodeConnections } from '../../src/transports/node-connections.js';
import { UndiciConnections } from '../../src/transports/undici-connections.js';
import { SocketTally } from '../../src/transports/socket-tally.js';
import type { Meter } from '../../src/transports/wire.js';
import { waitFor } from '../helpers/wait.js';

type Kind = new (server: URL, keepAlive: boolean, meter: Meter) => HttpConnections;

/** Each kind, with the most connections three sequential kept-alive requests may open. */
const kinds: [string, Kind, number][] = [
  ['node:http', NodeConnections, 1],
  // undici may open a second connection while it checks whether the idle one is still open.
  ['undici', UndiciConnections, 2],
];

/**
 * A real HTTP server on port 0 that hands each request, once its body is in, to `handle`.
 * `closed()` counts the responses that are over, answered or cut off with their connection.
 */
async function startServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: URL; server: Server; closed: () => number }> {
  let closed = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
    res.on('close', () => closed++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}`), server, closed: () => closed };
}

const servers: Server[] = [];
const connections: HttpConnections[] = [];

afterEach(async () => {
  for (const via of connections.splice(0)) via.destroy();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A meter that tallies sockets and hands each new one to `onSocket`. */
function meter(tally: SocketTally, onSocket: (socket: Socket) => void = () => {}): Meter {
  return {
    track: (socket) => {
      tally.track(socket, 'poll', 0);
      onSocket(socket);
    },
    request: () => {},
    poll: () => {},
    pingRtt: () => {},
    wire: undefined,
  };
}

function open(Kind: Kind, url: URL, keepAlive: boolean, tally = new SocketTally(), onSocket?: (socket: Socket) => void): { via: HttpConnections; io: HttpIo } {
  const m = meter(tally, onSocket);
  const via = new Kind(url, keepAlive, m);
  connections.push(via);
  return { via, io: { clock: realClock, meter: m } };
}

/** A GET that a server holds unanswered, made on kept-alive connections of `Kind`, once it has arrived. */
async function heldRequest(Kind: Kind): Promise<{ via: HttpConnections; call: ReturnType<typeof fetchText>; closed: () => number }> {
  let received = 0;
  const { url, closed } = await startServer(() => received++);
  const { via, io } = open(Kind, url, true);
  const call = fetchText({ method: 'GET', path: '/hold', via, headers: {}, timeoutMs: 5000 }, io);
  await waitFor(() => received === 1, 5000, 'the request to arrive');
  return { via, call, closed };
}

const echo = (req: IncomingMessage, res: ServerResponse, body: string): void => {
  const payload = JSON.stringify({ method: req.method, url: req.url, type: req.headers['content-type'], length: req.headers['content-length'], body });
  res.writeHead(201, { 'content-type': 'application/json', 'x-answer': 'yes' });
  res.end(payload);
};

describe.each(kinds)('%s connections', (_, Kind, mostKeptAlive) => {
  it('send a POST with its JSON body and length, and hand back status, headers and the whole body', async () => {
    const { url } = await startServer(echo);
    const { via, io } = open(Kind, url, true);
    const result = await fetchText({ method: 'POST', path: '/messages?room=a', via, headers: { 'x-user': 'alice' }, body: '{"text":"héllo"}', timeoutMs: 5000 }, io).result;
    expect(result).toMatchObject({ ok: true, status: 201, headers: { 'x-answer': 'yes' } });
    if (!result.ok) return;
    expect(JSON.parse(result.body)).toEqual({ method: 'POST', url: '/messages?room=a', type: 'application/json', length: '17', body: '{"text":"héllo"}' });
  });

  it('reuse connections when kept alive, and open one per request when not', async () => {
    const { url } = await startServer(echo);
    for (const keepAlive of [true, false]) {
      const tally = new SocketTally();
      const { via, io } = open(Kind, url, keepAlive, tally);
      for (let i = 0; i < 3; i++) {
        const result = await fetchText({ method: 'GET', path: `/${i}`, via, headers: {}, timeoutMs: 5000 }, io).result;
        expect(result.ok && result.status).toBe(201);
      }
      if (keepAlive) expect(tally.connections).toBeLessThanOrEqual(mostKeptAlive);
      else expect(tally.connections).toBe(3);
      expect(tally.bytes().received).toBeGreaterThan(3 * 'HTTP/1.1 201 Created\r\n'.length);
    }
  });

  it('fail a request left unanswered with a timeout, and close its connection', async () => {
    const { url, closed } = await startServer(() => {});
    const { via, io } = open(Kind, url, true);
    const result = await fetchText({ method: 'GET', path: '/hold', via, headers: {}, timeoutMs: 100 }, io).result;
    expect(result).toEqual({ ok: false, failure: { kind: 'timeout', message: 'no answer within 0.1 s' } });
    await waitFor(() => closed() === 1, 5000, 'the server to see the connection close');
  });

  it('with idleMs, let an answer take longer than its deadline while it keeps coming, and fail it once it stalls', async () => {
    const { url } = await startServer((_req, res) => {
      // Three chunks 100 ms apart: 300 ms in all, past the 150 ms deadline, never 200 ms without a byte.
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(`chunk ${++sent};`);
        if (sent < 3) return;
        clearInterval(timer);
        if (res.req.url === '/steady') res.end();
      }, 100);
      res.on('close', () => clearInterval(timer));
    });
    const { via, io } = open(Kind, url, false);
    const steady = await fetchText({ method: 'GET', path: '/steady', via, headers: {}, timeoutMs: 150, idleMs: 200 }, io).result;
    expect(steady).toMatchObject({ ok: true, status: 200, body: 'chunk 1;chunk 2;chunk 3;' });
    const stalled = await fetchText({ method: 'GET', path: '/stalls', via, headers: {}, timeoutMs: 150, idleMs: 200 }, io).result;
    expect(stalled).toEqual({ ok: false, failure: { kind: 'timeout', message: 'no more of the answer within 0.2 s' } });
  });

  it('end an aborted request at once, on the wire too', async () => {
    const { call, closed } = await heldRequest(Kind);
    call.abort();
    expect(await call.result).toEqual({ ok: false, failure: { kind: 'aborted', message: 'aborted' } });
    await waitFor(() => closed() === 1, 5000, 'the server to see the connection close');
  });

  it('end a request in flight when the connections are destroyed', async () => {
    const { via, call, closed } = await heldRequest(Kind);
    via.destroy();
    expect(await call.result).toMatchObject({ ok: false, failure: { kind: 'reset' } });
    await waitFor(() => closed() === 1, 5000, 'the server to see the connection close');
  });

  it('call a refused connection unreachable', async () => {
    const { url, server } = await startServer(echo);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { via, io } = open(Kind, url, true);
    const result = await fetchText({ method: 'GET', path: '/', via, headers: {}, timeoutMs: 5000 }, io).result;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('unreachable');
    expect(result.failure.message).toContain('ECONNREFUSED');
  });

  it('fail an answer whose body breaks off', async () => {
    const { url } = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part of it');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { via, io } = open(Kind, url, true);
    const result = await fetchText({ method: 'GET', path: '/', via, headers: {}, timeoutMs: 5000 }, io).result;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('reset');
  });
});

describe('node:http connections', () => {
  it('write a request on an idle kept-alive connection within the tick that made it', async () => {
    const { url } = await startServer(echo);
    const sockets = new Set<Socket>();
    const { via, io } = open(NodeConnections, url, true, new SocketTally(), (socket) => sockets.add(socket));
    const first = await fetchText({ method: 'POST', path: '/', via, headers: {}, body: '{}', timeoutMs: 5000 }, io).result;
    expect(first.ok).toBe(true);
    const [socket] = [...sockets];
    if (socket === undefined) throw new Error('no socket was tracked');
    // The connection is idle and kept alive now; what the next send writes is on it before the
    // event loop's next check phase (undici would only then start writing).
    const before = socket.bytesWritten;
    const second = fetchText({ method: 'POST', path: '/', via, headers: {}, body: '{"n":2}', timeoutMs: 5000 }, io);
    const atCheck = await new Promise<number>((resolve) => setImmediate(() => resolve(socket.bytesWritten)));
    expect(atCheck - before).toBeGreaterThan('POST / HTTP/1.1\r\n'.length);
    expect((await second.result).ok).toBe(true);
    expect(sockets.size).toBe(1);
  });
});

describe('undici connections', () => {
  it('limited to one, keep every request on one connection, and a request made while another is out waits for it', async () => {
    const held: ServerResponse[] = [];
    const { url } = await startServer((req, res) => (req.url === '/hold' ? held.push(res) : res.end('ok')));
    const tally = new SocketTally();
    const OneConnection = class extends UndiciConnections {
      constructor(server: URL, keepAlive: boolean, m: Meter) {
        super(server, keepAlive, m, { maxConnections: 1 });
      }
    };
    const { via, io } = open(OneConnection, url, true, tally);
    const get = (path: string) => fetchText({ method: 'GET', path, via, headers: {}, timeoutMs: 5000 }, io).result;
    // In turn, as a long poll is made: each on the idle connection the last one left.
    for (let i = 0; i < 5; i++) expect(await get('/now')).toMatchObject({ ok: true, status: 200 });
    const first = get('/hold');
    await waitFor(() => held.length === 1, 5000, 'the first request to arrive');
    // An unbounded pool would open a second connection for this one at once.
    const second = get('/now');
    held[0]?.end('ok');
    expect(await first).toMatchObject({ ok: true, status: 200 });
    expect(await second).toMatchObject({ ok: true, status: 200 });
    expect(tally.connections).toBe(1);
  });
});
