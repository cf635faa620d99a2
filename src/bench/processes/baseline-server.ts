import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface BaselineFrame {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly clientId?: unknown;
  readonly sentAt?: unknown;
  readonly t?: unknown;
}

/**
 * The floor: a bare WebSocket broadcast server with no history, validation, presence or stats,
 * speaking just enough of termchat's frames (welcome, message, ack, pong) for the same clients to
 * use it. Measured beside termchat in the same run, it turns "termchat's overhead" into a ratio.
 * It is a fair floor, not a straw man: each message is encoded once and the same bytes are written
 * to every socket, as termchat does.
 */
export async function startBaselineServer(port = 0, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const clients = new Set<WebSocket>();
  let lastId = 0;
  wss.on('connection', (ws, req) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const user = params.get('user') ?? 'anonymous';
    const room = params.get('room') ?? 'lobby';
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // A peer that vanishes must not crash the floor we measure against.
    ws.on('error', () => clients.delete(ws));
    ws.send(JSON.stringify({ type: 'welcome', epoch: 'baseline', lastId, online: [] }));
    ws.on('message', (data) => {
      let frame: BaselineFrame;
      try {
        frame = JSON.parse(String(data)) as BaselineFrame;
      } catch {
        return;
      }
      if (frame.type === 'ping') return ws.send(JSON.stringify({ type: 'pong', t: frame.t }));
      if (frame.type !== 'send') return;
      const id = ++lastId;
      const now = Date.now();
      const message = { id, room, user, text: frame.text, sentAt: typeof frame.sentAt === 'number' ? frame.sentAt : now, serverAt: now, clientId: frame.clientId };
      const payload = Buffer.from(JSON.stringify({ type: 'message', message }));
      for (const client of clients) client.send(payload, { binary: false });
      ws.send(JSON.stringify({ type: 'ack', clientId: frame.clientId, id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
