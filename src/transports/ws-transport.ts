import type { IncomingMessage } from 'node:http';
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';
import { MAX_PAYLOAD_BYTES, WS_SUBPROTOCOL, type ClientFrame, type ServerFrame } from '../protocol/plain.js';
import { classifyError, dropped, fromHttpStatus, fromNetFailure, fromWsClose, MAX_REFUSAL_BODY, type CloseReport } from './close-report.js';
import { decodeCloseReason, decodeServerFrame, excerpt } from './decode.js';
import { dialOptions } from './dial.js';
import { Pinger } from './pinger.js';
import { authHeaders, endpoint, Transport } from './transport.js';
import type { OutboxEntry } from './types.js';
import type { FrameOpcode } from './wire-events.js';
import { rawHeadBytes, wsFrameBytes } from './wire-sizes.js';

/**
 * WebSocket (the `ws` package): one socket both ways. Sends, typing and pings are frames; the
 * server acknowledges each send with its id. Dead connections are noticed by the base watchdog,
 * fed by every frame, ping and pong, and timed against the heartbeat `welcome` announces. The
 * client pings once a heartbeat: the server's pong is then the frame it hears each interval, and
 * the server, hearing the ping, sends no ping of its own.
 */
export class WsTransport extends Transport {
  readonly kind = 'ws';
  readonly pipelined = true;
  protected readonly opening = 'ws upgrade';
  #ws: WebSocket | undefined;
  #socket: Socket | undefined;
  /** This side sent the closing handshake's first frame. */
  #closing = false;
  readonly #pinger = new Pinger(this.ctx.clock, this.ctx.random, (t) => this.#send({ type: 'ping', t }));

  protected doOpen(): void {
    const { ctx } = this;
    const url = endpoint(ctx, '/ws', { since: String(ctx.since) });
    url.protocol = ctx.server.protocol === 'https:' ? 'wss:' : 'ws:';
    const secure = url.protocol === 'wss:';
    // Our own connect function, so the socket is counted and its bytes (upgrade, frame headers, masks) measured.
    const startedAt = ctx.clock.now();
    // With a relay to dial, only the address changes: the Host header and TLS's name stay the server's.
    const to = ctx.dial === undefined ? {} : dialOptions(ctx.server, ctx.dial);
    const connect = ((options: NetConnectOpts & ConnectionOptions) => {
      const socket = secure ? tlsConnect({ ...options, ...to }) : createConnection({ ...options, ...to } as NetConnectOpts);
      ctx.meter.track(socket);
      this.#socket = socket;
      // The upgrade request is written as the connection opens (after the tally's own 'connect').
      socket.once(secure ? 'secureConnect' : 'connect', () => ctx.meter.wire?.request(socket, { method: 'GET', path: url.pathname }));
      return socket;
    }) as typeof createConnection;
    const ws = new WebSocket(url, WS_SUBPROTOCOL, { headers: authHeaders(ctx), perMessageDeflate: false, maxPayload: MAX_PAYLOAD_BYTES, createConnection: connect });
    this.#ws = ws;
    ctx.meter.request();
    ws.on('upgrade', (res: IncomingMessage) => this.#told(res, startedAt));
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      this.#told(res, startedAt);
      this.#onRefused(res);
    });
    ws.on('open', () => this.#onUpgraded());
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => this.#onFrame(data, isBinary));
    ws.on('ping', (data: Buffer) => this.#onControl('ping', data));
    ws.on('pong', (data: Buffer) => this.#onControl('pong', data));
    ws.on('close', (code: number, reason: Buffer) => {
      this.#toldClose(code, reason);
      this.onClose(fromWsClose(code, decodeCloseReason(reason)));
    });
    ws.on('error', (error: Error) => {
      const failure = classifyError(error);
      if (!this.isOpen) this.ctx.meter.wire?.failed(this.#socket, { method: 'GET', path: url.pathname }, startedAt, failure.message);
      this.onClose(fromNetFailure(this.isOpen ? 'ws connection' : this.opening, failure));
    });
  }

  protected doClose(report: CloseReport): void {
    this.#pinger.stop();
    const ws = this.#ws;
    if (ws === undefined) return;
    // 1000 says "closed on purpose"; anything else is dropped without a handshake nobody waits for.
    if (report.code === 'client' && ws.readyState === WebSocket.OPEN) {
      this.#closing = true;
      ws.close(1000, 'bye');
      this.#toldOut('close', undefined, 0, 1000);
    } else ws.terminate();
  }

  protected write(entry: OutboxEntry): void {
    this.#send({ type: 'send', text: entry.text, clientId: entry.clientId, sentAt: entry.sentAt });
  }

  protected writeTyping(): void {
    this.#send({ type: 'typing' });
  }

  protected writeRead(id: number): void {
    this.#send({ type: 'read', id });
  }

  #send(frame: ClientFrame): void {
    if (this.#ws?.readyState !== WebSocket.OPEN) return;
    this.#ws.send(JSON.stringify(frame));
    if (this.ctx.meter.wire !== undefined) this.#toldOut('text', frame.type, frame.type === 'send' ? Buffer.byteLength(frame.text) : 0);
  }

  /** A frame this side wrote, for the wire view. */
  #toldOut(opcode: FrameOpcode, type: string | undefined, payload: number, code?: number): void {
    if (this.#socket !== undefined) this.ctx.meter.wire?.frameOut(this.#socket, opcode, type, payload, code);
  }

  /** The upgrade's request and its answer's head, for the wire view: a refusal's body, or the frames after a 101, come after it. */
  #told(res: IncomingMessage, startedAt: number): void {
    const socket = this.#socket;
    const tap = this.ctx.meter.wire;
    if (socket === undefined || tap === undefined) return;
    const status = res.statusCode ?? 0;
    tap.head(socket, 'upgrade', status, startedAt, rawHeadBytes(status, res.statusMessage, res.rawHeaders));
  }

  /** A ping or pong frame of the WebSocket protocol; a ping was answered with a pong before this is called. */
  #onControl(opcode: 'ping' | 'pong', data: Buffer): void {
    this.alive();
    const socket = this.#socket;
    const tap = this.ctx.meter.wire;
    if (socket === undefined || tap === undefined) return;
    tap.frameIn(socket, wsFrameBytes(data.length, false), opcode);
    if (opcode === 'ping') tap.frameOut(socket, 'pong', undefined, 0);
  }

  /** The closing handshake, for the wire view: the server's close frame, and the one sent back when the server began it. */
  #toldClose(code: number, reason: Buffer): void {
    const socket = this.#socket;
    const tap = this.ctx.meter.wire;
    // 1006: the connection ended without a close frame.
    if (socket === undefined || tap === undefined || code === 1006) return;
    tap.frameIn(socket, wsFrameBytes(code === 1005 ? 0 : 2 + reason.length, false), 'close', { code });
    if (!this.#closing) tap.frameOut(socket, 'close', undefined, 0, code);
  }

  #onRefused(res: IncomingMessage): void {
    const status = res.statusCode ?? 0;
    readBody(res).then(
      (body) => this.onClose(fromHttpStatus(this.opening, status, body)),
      () => this.onClose(fromHttpStatus(this.opening, status, '')),
    );
  }

  /** The upgrade is done; the transport opens on the welcome frame that follows. */
  #onUpgraded(): void {
    this.watch();
  }

  /** `welcome`: the heartbeat it announces is what silence is timed against, and how often to ping. */
  protected override onWelcome(frame: Extract<ServerFrame, { type: 'welcome' }>): void {
    if (this.isOpen) return;
    const heartbeatMs = this.welcomed(frame);
    if (this.isOpen) this.#pinger.start(this.ctx.timing.pingIntervalMs ?? heartbeatMs);
  }

  #onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (!this.live) return;
    this.alive();
    const raw = isBinary ? undefined : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
    const frame = raw === undefined ? undefined : decodeServerFrame(raw);
    const tap = this.ctx.meter.wire;
    if (tap !== undefined && this.#socket !== undefined) {
      const size = Buffer.isBuffer(data) ? data.length : Array.isArray(data) ? data.reduce((n, part) => n + part.length, 0) : data.byteLength;
      const message = typeof frame === 'object' && frame.type === 'message' ? frame.message : undefined;
      const type = frame === 'unknown' ? 'unknown' : (frame?.type ?? 'invalid');
      const payload = message === undefined ? 0 : Buffer.byteLength(message.text);
      const rtt = typeof frame === 'object' && frame.type === 'pong' ? { ms: this.ctx.clock.now() - frame.t } : {};
      tap.frameIn(this.#socket, wsFrameBytes(size, false), isBinary ? 'binary' : 'text', { type, payload, messages: message === undefined ? 0 : 1, ...rtt });
    }
    if (frame === 'unknown') return;
    if (frame === undefined) return this.onClose(dropped(`ws frame is not valid: ${raw === undefined ? '(binary)' : excerpt(raw)}`));
    this.onFrame(frame);
  }
}

/** Reads a refused upgrade's response body as UTF-8, up to `limit` bytes; rejects when the connection breaks before its end. */
function readBody(res: IncomingMessage, limit = MAX_REFUSAL_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size >= limit) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('connection closed before the response ended'));
    });
  });
}
