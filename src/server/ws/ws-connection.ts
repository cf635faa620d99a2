import type { Duplex } from 'node:stream';
import { checkClientFrame, isClientId, CloseCode, ErrorCode, type ClientFrame, type ServerFrame } from '../../protocol/index.js';
import { UNAVAILABLE_RETRY_MS } from '../base/errors.js';
import { debug } from '../base/log.js';
import { announceTyping, noteRead, postMessage } from '../room/chat.js';
import type { ServerContext } from '../room/context.js';
import { Subscription, type Ending, type Framer, type Listener } from '../room/subscription.js';
import { encodeTextFrame } from '../wire/framing.js';
import type { ChatSocket, SocketEvents } from './chat-socket.js';

/** Refused sends in a row after which a flooding connection is closed with 1008. */
const MAX_REFUSALS_IN_A_ROW = 10;

/** The close code for each way the room side ends a WebSocket: it tells the client whether to come back. */
const CLOSE_CODE: Readonly<Record<Ending, number>> = {
  'slow-reader': CloseCode.tryAgainLater,
  'history-failed': CloseCode.internalError,
  'history-reset': CloseCode.serviceRestart,
  'token-expired': CloseCode.unauthorized,
};

function textFrame(frame: ServerFrame): Buffer {
  return encodeTextFrame(Buffer.from(JSON.stringify(frame)));
}

/** A room's messages and news as WebSocket text frames; shared by every WebSocket. */
const wsFramer: Framer = {
  kind: 'ws',
  welcome: (welcome) => textFrame({ type: 'welcome', ...welcome }),
  message: (out) => out.wsWire,
  announcement: (news) => news.wsWire,
};

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

/**
 * Where a WebSocket is in its heartbeat, as each sweep finds it:
 * - heard: the client spoke (or answered) since our last ping: ping it now;
 * - pinged: pinged at the last sweep and silent since: it is gone;
 * - ponged: it pinged us since the last sweep, and our pong was this interval's frame to it: no
 *   ping of ours, so that each way carries one heartbeat frame an interval, not two.
 */
type Beat = 'heard' | 'pinged' | 'ponged';

/**
 * One client's WebSocket: a room subscription that also reads the client's frames (sends, typing,
 * pings), answers them, keeps the heartbeat and ends with a close code.
 */
export class WsConnection extends Subscription implements SocketEvents {
  /** The upgrade refuses a WebSocket that names no user. */
  declare readonly user: string;
  #beat: Beat = 'heard';
  #refusals = 0;

  constructor(
    ctx: ServerContext,
    private readonly ws: ChatSocket,
    socket: Duplex,
    listener: Listener & { readonly user: string },
  ) {
    super(ctx, socket, listener);
  }

  protected get framer(): Framer {
    return wsFramer;
  }

  override open(lastId: number, firstId: number): void {
    this.ws.serve(this);
    super.open(lastId, firstId);
  }

  heartbeat(): void {
    if (this.expired) return this.end('token-expired', `${ErrorCode.tokenExpired}: the token expired; reconnect with a new one`);
    switch (this.#beat) {
      case 'pinged':
        debug.ws('%s silent since our ping a heartbeat ago: terminating', this.user);
        this.ws.terminate();
        return;
      case 'ponged':
        this.#beat = 'heard';
        return;
      case 'heard':
        this.#beat = 'pinged';
        if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
    }
  }

  shutdown(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === this.ws.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.#close(CloseCode.goingAway, 'server shutting down');
    });
  }

  answered(): void {
    this.#heard();
  }

  failed(error: Error): void {
    debug.ws('error from %s: %s', this.user, error.message);
  }

  received(data: Buffer, isBinary: boolean): void {
    // Once the server has closed (1008, 1013, 1001…), frames still in the pipe are not acted on:
    // a send stored now could never be acknowledged.
    if (this.ended) return;
    this.#heard();
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

  closed(code: number, reason: string): void {
    this.leave(`${code} ${reason}`);
  }

  protected end(ending: Ending, reason: string): void {
    // A slow reader is told how to come back; the other reasons go to the client as they are.
    this.#close(CLOSE_CODE[ending], ending === 'slow-reader' ? 'slow reader: too much unread, resume from your last id' : reason);
  }

  #handle(frame: ClientFrame): void {
    switch (frame.type) {
      case 'send':
        void this.#sendMessage(frame);
        return;
      case 'typing':
        announceTyping(this.ctx, this.room, this.user, this.address, undefined, this);
        return;
      case 'ping':
        this.#beat = 'ponged';
        this.#send({ type: 'pong', t: frame.t });
        return;
      case 'read':
        void this.#read(frame.id);
        return;
    }
  }

  async #read(id: number): Promise<void> {
    try {
      const outcome = await noteRead(this.ctx, this.room, this.user, id, this, this.address);
      if (!outcome.ok) this.#send({ type: 'error', code: outcome.code, message: outcome.error, ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }) });
    } catch (error) {
      this.#send({ type: 'error', code: ErrorCode.unavailable, message: `read position not kept: ${(error as Error).message}`, retryAfterMs: UNAVAILABLE_RETRY_MS });
    }
  }

  async #sendMessage(frame: Extract<ClientFrame, { type: 'send' }>): Promise<void> {
    const { clientId } = frame;
    try {
      const outcome = await postMessage(this.ctx, this.room, { user: this.user, text: frame.text, sentAt: frame.sentAt, clientId }, undefined, this.address);
      if (outcome.ok) {
        this.#refusals = 0;
        this.#send({ type: 'ack', clientId, id: outcome.message.id });
        return;
      }
      this.#send({ type: 'error', code: outcome.code, message: outcome.error, clientId, retryAfterMs: outcome.retryAfterMs });
      if (++this.#refusals >= MAX_REFUSALS_IN_A_ROW) this.#close(CloseCode.policyViolation, 'rate limit exceeded again and again');
    } catch (error) {
      this.#send({ type: 'error', code: ErrorCode.unavailable, message: `message not stored: ${(error as Error).message}`, clientId, retryAfterMs: UNAVAILABLE_RETRY_MS });
    }
  }

  /** Anything from the client answers our ping; it does not stand for a pong of ours. */
  #heard(): void {
    if (this.#beat === 'pinged') this.#beat = 'heard';
  }

  #send(frame: ServerFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.write(textFrame(frame));
  }

  #close(code: number, reason: string): void {
    if (this.ended) return;
    this.flush();
    this.ws.close(code, reason);
    // A peer that does not answer the close frame is not waited for: a slow reader cannot even
    // read it, and ws would hold the socket and everything unread for 30 s.
    const grace = setTimeout(() => this.ws.terminate(), this.ctx.options.closeGraceMs);
    grace.unref();
    this.ws.once('close', () => clearTimeout(grace));
    this.closed(code, reason);
  }
}
