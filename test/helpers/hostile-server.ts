import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_SUBPROTOCOL, type Message, type OnlineEntry } from '../../src/protocol/index.js';
import { INVISIBLE, laced, SET_TITLE, WRITE_CLIPBOARD } from './hostile.js';

const running = new Set<() => Promise<void>>();

afterEach(async () => {
  await Promise.all([...running].map((close) => close()));
  running.clear();
});

/** The names and text the server sends, laced; a test finds what is left of them by these words. */
export const HOSTILE_NAMES = { online: 'mallory', joining: 'trudy', typing: 'eve', sender: 'oscar' } as const;
export const HOSTILE_TEXT = 'hostile hello';

/**
 * A name with a title change, a clipboard write and invisible characters in it, short enough that
 * what is left of it fits a header: "mal]0;PWNED-TITLE]52;c;ZXZpbA==lory". A close reason fits in
 * 123 bytes, so it carries the same.
 */
const lacedName = (name: string): string => `${name.slice(0, 3)}${SET_TITLE}${WRITE_CLIPBOARD}${INVISIBLE}${name.slice(3)}`;
export const HOSTILE_CLOSE_REASON = lacedName('byebye');

/** How a laced name reads once made safe: the printable tails of its escape sequences stay, as text. */
export const shownAs = (name: string): string => `${name.slice(0, 3)}]0;PWNED-TITLE]52;c;ZXZpbA==${name.slice(3)}`;

const message: Message = { id: 1, room: 'lobby', user: lacedName(HOSTILE_NAMES.sender), text: laced(`${HOSTILE_TEXT}\nsecond line`), sentAt: 1, serverAt: Date.now() };
const online: OnlineEntry[] = [{ user: lacedName(HOSTILE_NAMES.online), transport: 'ws' }];
const welcome = { epoch: laced('epoch'), lastId: 1, online };
const presence = { event: 'join', user: lacedName(HOSTILE_NAMES.joining), transport: 'sse', online: 2 } as const;
const typing = { user: laced(HOSTILE_NAMES.typing) };
const refusal = JSON.stringify({ code: laced('no_way'), error: laced('refused') });

/** A server that means harm, its behaviour in order; it counts what it was asked. */
export interface HostileServer {
  readonly url: string;
  /** Sends, of any transport, it refused. */
  readonly refusedSends: () => number;
  close(): Promise<void>;
}

/**
 * A fake termchat server on port 0 that speaks just enough of each transport for a client to open
 * and receive, with every string it sends laced with escapes and invisible characters: a welcome
 * with its online list, a message, a presence join and a typing signal (WebSocket and SSE), a page
 * and the online list (polling). It refuses the first send, laced, then ends every transport with
 * a laced reason a client does not retry: a WebSocket close code 4000, an HTTP 403. Nothing goes
 * out before `opened` resolves.
 */
export async function startHostileServer(opened: Promise<void> = Promise.resolve()): Promise<HostileServer> {
  let refused = 0;
  const held = new Set<ServerResponse>();
  const refuse = (res: ServerResponse, status: number): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(refusal);
  const json = (res: ServerResponse, value: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  let pagesSent = 0;
  let streamsSent = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      void opened.then(() => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (req.method === 'POST' && path === '/messages') {
          refused++;
          refuse(res, 400);
          // What was held or streamed ends; the client comes back and is refused for good.
          for (const other of held) other.end();
          held.clear();
          return;
        }
        if (req.method === 'POST') return void res.writeHead(204).end();
        if (path === '/presence') return json(res, { room: 'lobby', online });
        if (refused > 0) return refuse(res, 403);
        if (path === '/messages') {
          if (pagesSent++ === 0) return json(res, { messages: [message], epoch: welcome.epoch, hasMore: false });
          held.add(res);
          return;
        }
        if (path === '/events' && streamsSent++ === 0) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const events = [['welcome', welcome], ['message', message], ['presence', presence], ['typing', typing]] as const;
          for (const [event, data] of events) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
          held.add(res);
          return;
        }
        refuse(res, 404);
      });
    });
  });

  const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : false) });
  wss.on('connection', (ws: WebSocket) => {
    void opened.then(() => {
      for (const frame of [{ type: 'welcome', ...welcome }, { type: 'message', message }, { type: 'presence', ...presence }, { type: 'typing', ...typing }]) ws.send(JSON.stringify(frame));
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; clientId?: string };
      if (frame.type !== 'send') return;
      refused++;
      ws.send(JSON.stringify({ type: 'error', code: laced('no_way'), message: laced('refused'), clientId: frame.clientId }));
      ws.close(4000, HOSTILE_CLOSE_REASON);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = async (): Promise<void> => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  running.add(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, refusedSends: () => refused, close };
}
