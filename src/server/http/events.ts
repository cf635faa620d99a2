import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { checkNonNegativeInt, ErrorCode, SSE_MAX_RETRY_MS, SSE_RETRY_MS } from '../../protocol/index.js';
import { limitedAddress } from '../request/client.js';
import { checkName, type Caller } from '../request/guard.js';
import { checkRoomQuery } from '../request/query.js';
import type { ServerContext } from '../room/context.js';
import { Subscription, type Ending, type Framer, type Listener } from '../room/subscription.js';
import { httpChunk } from '../wire/framing.js';
import { sendError } from './respond.js';

const retryChunk = (ms: number): Buffer => httpChunk(Buffer.from(`retry: ${ms}\n\n`));
const RETRY = retryChunk(SSE_RETRY_MS);
const KEEP_ALIVE = httpChunk(Buffer.from(': keep-alive\n\n'));
/** The keep-alive as an event, for a client that asked (`keepalive=event`): an EventSource never sees a comment. */
const KEEP_ALIVE_EVENT = httpChunk(Buffer.from('event: keep-alive\ndata: {}\n\n'));

/** A room's messages and news as SSE events, each one HTTP chunk; shared by every stream. */
const sseFramer: Framer = {
  kind: 'sse',
  welcome: (welcome) => httpChunk(Buffer.from(`event: welcome\ndata: ${JSON.stringify(welcome)}\n\n`)),
  message: (out) => out.sseWire,
  announcement: (news) => news.sseWire,
};

/** GET /events: a Server-Sent Events stream of a room, resumable by Last-Event-ID. */
export async function getEvents(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<void> {
  if (!ctx.options.transports.has('sse')) return sendError(res, 404, ErrorCode.transportDisabled, 'the sse transport is disabled on this server');
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const impostor = query.value.user === undefined ? undefined : checkName(caller, query.value.user);
  if (impostor !== undefined) return sendError(res, impostor.status, impostor.code, impostor.error);
  // An EventSource reconnects with its original URL, so the header it adds is the truth.
  const lastEventId = req.headers['last-event-id'];
  const since =
    typeof lastEventId === 'string' && lastEventId !== ''
      ? checkNonNegativeInt('Last-Event-ID', lastEventId.trim(), 0)
      : checkNonNegativeInt('since', url.searchParams.get('since'), 0);
  if (!since.ok) return sendError(res, 400, since.code, since.error);
  const keepalive = url.searchParams.get('keepalive');
  if (keepalive !== null && keepalive !== 'event') return sendError(res, 400, ErrorCode.invalidField, `keepalive may only be "event" (keep-alives as events an EventSource can see); got ${JSON.stringify(keepalive.slice(0, 40))}`);
  // A client that draws its own jitter asks for the delay of its EventSource's own retry.
  const retry = checkNonNegativeInt('retry', url.searchParams.get('retry'), SSE_RETRY_MS, SSE_MAX_RETRY_MS);
  if (!retry.ok) return sendError(res, 400, retry.code, retry.error);
  const { room, user } = query.value;
  const [lastId, firstId] = await Promise.all([ctx.store.lastId(room), ctx.store.firstId(room), ctx.presence.refresh(room)]);
  // The client may have gone while the store answered; its 'close' has fired and will not again.
  if (req.socket.destroyed) return;
  const listener = { room, user, since: since.value, address: limitedAddress(ctx, req), credentials: caller };
  const opening = retry.value === SSE_RETRY_MS ? RETRY : retryChunk(retry.value);
  new SseStream(ctx, res, req.socket, listener, opening, keepalive === null ? KEEP_ALIVE : KEEP_ALIVE_EVENT).open(lastId, firstId);
}

/**
 * An SSE response as a room subscription. After its headers a stream writes its body straight to
 * the socket, already framed as HTTP chunks, like a WebSocket's frames: a message's chunk is
 * encoded once for every stream, and each socket gets one write per tick (ServerResponse.write
 * would frame per stream and defer each write).
 */
class SseStream extends Subscription {
  constructor(
    ctx: ServerContext,
    private readonly res: ServerResponse,
    socket: Duplex,
    listener: Listener,
    /** The `retry:` the stream opens with: the server's, or the one its client asked for. */
    private readonly retry: Buffer,
    /** What each heartbeat writes: a comment, or an event for a client that cannot see comments. */
    private readonly keepAlive: Buffer,
  ) {
    super(ctx, socket, listener);
  }

  protected get framer(): Framer {
    return sseFramer;
  }

  override open(lastId: number, firstId: number): void {
    const { res } = this;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    // The response's close, not the request's: a request 'closes' once its body is read.
    res.on('close', () => this.#end('client went away'));
    this.write(this.retry);
    super.open(lastId, firstId);
  }

  heartbeat(): void {
    // The client comes back, and hears 401 token_expired.
    if (this.expired) return this.end('token-expired', 'token expired');
    this.write(this.keepAlive);
  }

  shutdown(): Promise<void> {
    this.#end('server shutting down');
    return Promise.resolve();
  }

  protected end(ending: Ending, reason: string): void {
    // A slow reader's response is dropped at once: a clean end would wait behind all it has not read.
    this.#end(reason, ending === 'slow-reader');
  }

  #end(reason: string, abort = false): void {
    if (!this.leave(reason)) return;
    if (abort) this.res.destroy();
    else {
      // What this tick wrote goes before the chunked body's end, which the response writes.
      this.flush();
      this.res.end();
    }
  }
}
