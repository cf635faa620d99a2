import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkNonNegativeInt, ErrorCode, SSE_RETRY_MS } from '../../protocol/index.js';
import { debug } from '../base/log.js';
import { checkRoomQuery } from '../request/query.js';
import type { LiveConnection, ServerContext } from '../room/context.js';
import { Feed, type FeedSink } from '../room/feed.js';
import type { RoomListener } from '../room/hub.js';
import type { PresenceHold } from '../room/presence.js';
import type { Announcement } from '../wire/announcement.js';
import { httpChunk } from '../wire/framing.js';
import type { Outgoing } from '../wire/outgoing.js';
import { SocketWriter } from '../wire/socket-writer.js';
import { sendError } from './respond.js';

const KEEP_ALIVE = httpChunk(Buffer.from(': keep-alive\n\n'));

/** GET /events: a Server-Sent Events stream of a room, resumable by Last-Event-ID. */
export async function getEvents(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!ctx.options.transports.has('sse')) return sendError(res, 404, ErrorCode.transportDisabled, 'the sse transport is disabled on this server');
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  // An EventSource reconnects with its original URL, so the header it adds is the truth.
  const lastEventId = req.headers['last-event-id'];
  const since =
    typeof lastEventId === 'string' && lastEventId !== ''
      ? checkNonNegativeInt('Last-Event-ID', lastEventId.trim(), 0)
      : checkNonNegativeInt('since', url.searchParams.get('since'), 0);
  if (!since.ok) return sendError(res, 400, since.code, since.error);
  const { room, user } = query.value;
  const [lastId] = await Promise.all([ctx.store.lastId(room), ctx.presence.refresh(room)]);
  // The client may have gone while the store answered; its 'close' has fired and will not again.
  if (req.socket.destroyed) return;
  new SseStream(ctx, req, res, room, user, since.value).open(lastId);
}

/**
 * After its headers a stream writes its body straight to the socket, already framed as HTTP chunks,
 * like a WebSocket's frames: a message's chunk is encoded once for every stream, and each socket
 * gets one write per tick (ServerResponse.write would frame per stream and defer each write).
 */
class SseStream implements RoomListener, LiveConnection, FeedSink {
  readonly #feed: Feed;
  readonly #writer: SocketWriter;
  #hold: PresenceHold | undefined;
  #closed = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly room: string,
    private readonly user: string | undefined,
    since: number,
  ) {
    this.#writer = new SocketWriter(req.socket);
    this.#feed = new Feed(ctx.store, room, since, this);
  }

  open(lastId: number): void {
    const { ctx, res, room, user } = this;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    ctx.metrics.requests.sse.inc();
    ctx.metrics.connections.sse.inc();
    ctx.streams.add(this);
    // The response's close, not the request's: a request 'closes' once its body is read.
    this.res.on('close', () => this.#end('client went away'));
    this.#writeText(`retry: ${SSE_RETRY_MS}\n\n`);
    if (user !== undefined) this.#hold = ctx.presence.connect(room, user, 'sse');
    this.#event('welcome', { epoch: ctx.store.epoch, lastId, online: ctx.presence.list(room) });
    ctx.hub.listen(room, this);
    this.#feed.start();
    debug.sse('open %s as %s from %d', room, user ?? '(anonymous)', this.#feed.lastId);
  }

  message(out: Outgoing): void {
    this.#feed.offer(out);
  }

  presence(news: Announcement): void {
    this.#write(news.sseWire);
  }

  typing(news: Announcement): void {
    if (news.data.user !== this.user) this.#write(news.sseWire);
  }

  heartbeat(): void {
    this.#write(KEEP_ALIVE);
  }

  resync(): void {
    this.#feed.resync();
  }

  shutdown(): Promise<void> {
    this.#end('server shutting down');
    return Promise.resolve();
  }

  restart(reason: string): void {
    this.#end(reason);
  }

  deliver(out: Outgoing): void {
    if (this.#closed) return;
    // A reader this far behind is cut off rather than buffered; it resumes by Last-Event-ID.
    if (this.#writer.buffered > this.ctx.options.maxBufferedBytes) {
      this.#end(`slow reader: over ${this.ctx.options.maxBufferedBytes} bytes unread`, true);
      return;
    }
    this.#writer.write(out.sseWire);
    this.ctx.metrics.delivered('sse', 1, out.message.serverAt, this.ctx.options.now());
  }

  feedFailed(error: unknown): void {
    this.#end(`history read failed: ${String(error)}`);
  }

  /**
   * Backlog goes out as the reader takes it: each message once the unread buffer is at most half
   * the limit. Bytes written in one turn all count as unread until the next, so a backlog written
   * at once would cut off the very reader that came back to catch up.
   */
  roomForBacklog(): Promise<void> | undefined {
    return this.#writer.drainedTo(this.ctx.options.maxBufferedBytes / 2, () => this.#closed);
  }

  #event(name: string, data: unknown): void {
    this.#writeText(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #writeText(text: string): void {
    this.#write(httpChunk(Buffer.from(text)));
  }

  /** `chunk` is already framed as an HTTP chunk. */
  #write(chunk: Buffer): void {
    if (!this.#closed) this.#writer.write(chunk);
  }

  #end(reason: string, abort = false): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#feed.close();
    this.ctx.hub.unlisten(this.room, this);
    this.#hold?.release();
    this.ctx.streams.delete(this);
    this.ctx.metrics.connections.sse.dec();
    if (abort) this.res.destroy();
    else {
      // What this tick wrote goes before the chunked body's end, which the response writes.
      this.#writer.flush();
      this.res.end();
    }
    debug.sse('closed %s: %s', this.room, reason);
  }
}
