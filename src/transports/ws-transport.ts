import type { IncomingMessage } from 'node:http';
import { createConnection, type NetConnectOpts } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';
import { MAX_PAYLOAD_BYTES, WS_SUBPROTOCOL, type ClientFrame, type ServerFrame } from '../protocol/plain.js';
import { classifyError, dropped, fromHttpStatus, fromNetFailure, fromWsClose, MAX_REFUSAL_BODY, type CloseReport } from './close-report.js';
import { decodeCloseReason, decodeServerFrame, excerpt } from './decode.js';
import { dialOptions } from './dial.js';
import { Pinger } from './pinger.js';
import { authHeaders, endpoint, Transport } from './transport.js';
import type { OutboxEntry } from './types.js';

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
  readonly #pinger = new Pinger(this.ctx.clock, this.ctx.random, (t) => this.#send({ type: 'ping', t }));

  protected doOpen(): void {
    const { ctx } = this;
    const url = endpoint(ctx, '/ws', { since: String(ctx.since) });
    url.protocol = ctx.server.protocol === 'https:' ? 'wss:' : 'ws:';
    const secure = url.protocol === 'wss:';
    // Our own connect function, so the socket is counted and its bytes (upgrade, frame headers, masks) measured.
    // With a relay to dial, only the address changes: the Host header and TLS's name stay the server's.
    const to = ctx.dial === undefined ? {} : dialOptions(ctx.server, ctx.dial);
    const connect = ((options: NetConnectOpts & ConnectionOptions) => {
      const socket = secure ? tlsConnect({ ...options, ...to }) : createConnection({ ...options, ...to } as NetConnectOpts);
      ctx.meter.track(socket);
      return socket;
    }) as typeof createConnection;
    const ws = new WebSocket(url, WS_SUBPROTOCOL, { headers: authHeaders(ctx), perMessageDeflate: false, maxPayload: MAX_PAYLOAD_BYTES, createConnection: connect });
    this.#ws = ws;
    ctx.meter.request();
    ws.on('unexpected-response', (_req, res: IncomingMessage) => this.#onRefused(res));
    ws.on('open', () => this.#onUpgraded());
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => this.#onFrame(data, isBinary));
    ws.on('ping', () => this.alive());
    ws.on('pong', () => this.alive());
    ws.on('close', (code: number, reason: Buffer) => this.onClose(fromWsClose(code, decodeCloseReason(reason))));
    ws.on('error', (error: Error) => this.onClose(fromNetFailure(this.isOpen ? 'ws connection' : this.opening, classifyError(error))));
  }

  protected doClose(report: CloseReport): void {
    this.#pinger.stop();
    const ws = this.#ws;
    if (ws === undefined) return;
    // 1000 says "closed on purpose"; anything else is dropped without a handshake nobody waits for.
    if (report.code === 'client' && ws.readyState === WebSocket.OPEN) ws.close(1000, 'bye');
    else ws.terminate();
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
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(frame));
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
