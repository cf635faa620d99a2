import type { Duplex } from 'node:stream';
import {
  checkClientFrame,
  isClientId,
  CloseCode,
  ErrorCode,
  type ClientFrame,
  type ServerFrame,
} from '../../protocol/index.js';
import { debug } from '../base/log.js';
import { announceTyping, postMessage } from '../room/chat.js';
import type { LiveConnection, ServerContext } from '../room/context.js';
import { Feed, type FeedSink } from '../room/feed.js';
import type { RoomListener } from '../room/hub.js';
import type { PresenceHold } from '../room/presence.js';
import type { Announcement } from '../wire/announcement.js';
import { encodeTextFrame } from '../wire/framing.js';
import type { Outgoing } from '../wire/outgoing.js';
import { SocketWriter } from '../wire/socket-writer.js';
import type { ChatSocket, SocketEvents } from './chat-socket.js';

/** Refused sends in a row after which a flooding connection is closed with 1008. */
const MAX_REFUSALS_IN_A_ROW = 10;

/**
 * The clientId of a `send` frame that failed its checks, when it has a usable one, so that the
 * client can tell which of its pending messages was refused. Only runs on the error path.
 */
function refusedClientId(raw: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, clientId } = value as { type?: unknown; clientId?: unknown };
  return type === 'send' && isClientId(clientId) ? clientId : undefined;
}

/** One client's WebSocket: reads its frames, feeds it the room, answers the heartbeat. */
export class WsConnection implements RoomListener, LiveConnection, FeedSink, SocketEvents {
  readonly #feed: Feed;
  readonly #writer: SocketWriter;
  #alive = true;
  #refusals = 0;
  #closed = false;
  #hold: PresenceHold | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly ws: ChatSocket,
    socket: Duplex,
    private readonly room: string,
    private readonly user: string,
    since: number,
  ) {
    this.#writer = new SocketWriter(socket);
    this.#feed = new Feed(ctx.store, room, since, this);
  }

  open(lastId: number): void {
    const { ctx, ws, room, user } = this;
    ctx.metrics.requests.ws.inc();
    ctx.metrics.connections.ws.inc();
    ctx.sockets.add(this);
    ws.serve(this);
    this.#hold = ctx.presence.connect(room, user, 'ws');
    this.#send({ type: 'welcome', epoch: ctx.store.epoch, lastId, online: ctx.presence.list(room) });
    ctx.hub.listen(room, this);
    this.#feed.start();
    debug.ws('open %s as %s from %d', room, user, this.#feed.lastId);
  }

  message(out: Outgoing): void {
    this.#feed.offer(out);
  }

  presence(news: Announcement): void {
    if (!this.#closed) this.#writer.write(news.wsWire);
  }

  typing(news: Announcement): void {
    if (!this.#closed && news.data.user !== this.user) this.#writer.write(news.wsWire);
  }

  resync(): void {
    this.#feed.resync();
  }

  restart(reason: string): void {
    this.#close(CloseCode.serviceRestart, reason);
  }

  heartbeat(): void {
    if (!this.#alive) {
      debug.ws('%s silent for two heartbeats: terminating', this.user);
      this.ws.terminate();
      return;
    }
    this.#alive = false;
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  shutdown(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === this.ws.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.#close(CloseCode.goingAway, 'server shutting down');
    });
  }

  answered(): void {
    this.#alive = true;
  }

  failed(error: Error): void {
    debug.ws('error from %s: %s', this.user, error.message);
  }

  received(data: Buffer, isBinary: boolean): void {
    // Once the server has closed (1008, 1013, 1001…), frames still in the pipe are not acted on:
    // a send stored now could never be acknowledged.
    if (this.#closed) return;
    this.#alive = true;
    if (isBinary) {
      this.#send({ type: 'error', code: ErrorCode.badRequest, message: 'frames must be UTF-8 JSON text, not binary' });
      return;
    }
    const raw = data.toString('utf8');
    const frame = checkClientFrame(raw, this.ctx.options.maxText);
    if (!frame.ok) {
      const clientId = refusedClientId(raw);
      this.#send({ type: 'error', code: frame.code, message: frame.error, ...(clientId === undefined ? {} : { clientId }) });
      return;
    }
    this.#handle(frame.value);
  }

  #handle(frame: ClientFrame): void {
    switch (frame.type) {
      case 'send':
        void this.#sendMessage(frame);
        return;
      case 'typing':
        announceTyping(this.ctx, this.room, this.user, this);
        return;
      case 'ping':
        this.#send({ type: 'pong', t: frame.t });
        return;
    }
  }

  async #sendMessage(frame: Extract<ClientFrame, { type: 'send' }>): Promise<void> {
    const { clientId } = frame;
    try {
      const outcome = await postMessage(this.ctx, this.room, { user: this.user, text: frame.text, sentAt: frame.sentAt, clientId });
      if (outcome.ok) {
        this.#refusals = 0;
        this.#send({ type: 'ack', clientId, id: outcome.message.id });
        return;
      }
      this.#send({ type: 'error', code: outcome.code, message: outcome.error, clientId, retryAfterMs: outcome.retryAfterMs });
      if (++this.#refusals >= MAX_REFUSALS_IN_A_ROW) this.#close(CloseCode.policyViolation, 'rate limit exceeded again and again');
    } catch (error) {
      this.#send({ type: 'error', code: ErrorCode.unavailable, message: `message not stored: ${(error as Error).message}`, clientId });
    }
  }

  deliver(out: Outgoing): void {
    if (this.#closed) return;
    // A reader this far behind is closed rather than buffered; it reconnects and resumes by id.
    if (this.#writer.buffered > this.ctx.options.maxBufferedBytes) {
      this.#close(CloseCode.tryAgainLater, 'slow reader: too much unread, resume from your last id');
      return;
    }
    this.#writer.write(out.wsWire);
    this.ctx.metrics.delivered('ws', 1, out.message.serverAt, this.ctx.options.now());
  }

  feedFailed(error: unknown): void {
    this.#close(CloseCode.internalError, `history read failed: ${String(error)}`);
  }

  /** Backlog goes out as the reader takes it: each message once the socket is at most half full. */
  roomForBacklog(): Promise<void> | undefined {
    return this.#writer.drainedTo(this.ctx.options.maxBufferedBytes / 2, () => this.#closed);
  }

  #send(frame: ServerFrame): void {
    if (!this.#closed && this.ws.readyState === this.ws.OPEN) this.#writer.write(encodeTextFrame(Buffer.from(JSON.stringify(frame))));
  }

  #close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#writer.flush();
    this.ws.close(code, reason);
    // A peer that does not answer the close frame is not waited for: a slow reader cannot even
    // read it, and ws would hold the socket and everything unread for 30 s.
    const grace = setTimeout(() => this.ws.terminate(), this.ctx.options.closeGraceMs);
    grace.unref();
    this.ws.once('close', () => clearTimeout(grace));
    this.closed(code, reason);
  }

  closed(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#feed.close();
    this.ctx.hub.unlisten(this.room, this);
    this.#hold?.release();
    this.ctx.sockets.delete(this);
    this.ctx.metrics.connections.ws.dec();
    debug.ws('closed %s (%s): %d %s', this.user, this.room, code, reason);
  }
}
