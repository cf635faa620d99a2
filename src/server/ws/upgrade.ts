import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ErrorCode, MAX_PAYLOAD_BYTES, WS_SUBPROTOCOL } from '../../protocol/index.js';
import { checkCapacity } from '../request/capacity.js';
import { limitedAddress } from '../request/client.js';
import { type Caller, type Guard, type GuardResult } from '../request/guard.js';
import { parseTarget } from '../request/query.js';
import { checkWsRequest } from '../request/ws-request.js';
import type { ServerContext } from '../room/context.js';
import { endWithError } from '../wire/raw-response.js';
import { ChatSocket } from './chat-socket.js';
import { WsConnection } from './ws-connection.js';

/** ws's server, serving ChatSockets. */
type ChatServer = InstanceType<typeof WebSocketServer<typeof ChatSocket>>;

/** Accepts WebSocket upgrades on /ws, refusing bad requests with an HTTP status before the upgrade. */
export function createUpgradeHandler(ctx: ServerContext, guard: Guard): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer<typeof ChatSocket>({
    WebSocket: ChatSocket,
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : false),
  });

  return (req, socket, head) => {
    socket.on('error', destroySocket);
    const refuse = (status: number, code: string, error: string, headers?: Record<string, string>): void => endWithError(socket, status, code, error, headers);
    const url = parseTarget(req.url);
    if (url === undefined) return refuse(400, ErrorCode.badRequest, 'the request target is not a valid path');
    const misdirected = guard.checkHost(req);
    if (misdirected !== undefined) return refuse(misdirected.status, misdirected.code, misdirected.error);
    const full = checkCapacity(ctx);
    if (full !== undefined) return refuse(full.status, full.code, full.error, full.headers);
    if (ctx.shutdown.closing) return refuse(503, ErrorCode.unavailable, 'server shutting down');
    if (url.pathname !== '/ws') return refuse(404, ErrorCode.notFound, `no WebSocket endpoint at ${url.pathname}; use /ws`);
    const allowed = guard.check(req, url);
    const upgrade = (settled: GuardResult): void => {
      // The client may have gone while a new identity was verified.
      if (socket.destroyed) return;
      if (!settled.ok) return refuse(settled.status, settled.code, settled.error);
      accept(ctx, wss, req, socket, head, url, settled);
    };
    if (allowed instanceof Promise) allowed.then(upgrade, (error: unknown) => refuse(500, ErrorCode.internal, `the token could not be checked: ${(error as Error).message}`));
    else upgrade(allowed);
  };
}

/** Checks what the WebSocket asks for of the room, then upgrades, with `welcome` the first frame. */
function accept(ctx: ServerContext, wss: ChatServer, req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, caller: Caller): void {
  const refuse = (status: number, code: string, error: string): void => endWithError(socket, status, code, error);
  const request = checkWsRequest(ctx, url, caller);
  if (!request.ok) return refuse(request.status, request.code, request.error);
  const { room, user, since } = request;
  const address = limitedAddress(ctx, req);

  // The room's ids (and who is online elsewhere) are read before the upgrade completes so that `welcome` goes out first.
  Promise.all([ctx.store.lastId(room), ctx.store.firstId(room), ctx.presence.refresh(room)]).then(
    ([lastId, firstId]) => {
      if (socket.destroyed) return;
      // Shutdown may have begun during the read: it would never close a socket opened now.
      if (ctx.shutdown.closing) return refuse(503, ErrorCode.unavailable, 'server shutting down');
      wss.handleUpgrade(req, socket, head, (ws) => {
        // From here ws handles socket errors; a listener of ours would keep this request alive.
        socket.off('error', destroySocket);
        new WsConnection(ctx, ws, socket, { room, user, since, address, credentials: caller }).open(lastId, firstId);
      });
    },
    (error: unknown) => refuse(503, ErrorCode.unavailable, `history unavailable: ${(error as Error).message}`),
  );
}

/** Not a closure: an idle connection must not hold on to the request that opened it. */
function destroySocket(this: Duplex): void {
  this.destroy();
}
