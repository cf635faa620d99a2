import { WS_SUBPROTOCOL, type ClientFrame, type ServerFrame } from '../../protocol/plain.js';
import { dropped, fromWsClose, type CloseReport } from '../../transports/close-report.js';
import { decodeServerFrame, excerpt } from '../../transports/decode.js';
import { Pinger } from '../../transports/pinger.js';
import { sanitizeLine } from '../../transports/sanitize.js';
import { endpoint, Transport, type TransportContext, type TransportOwner } from '../../transports/transport.js';
import type { OutboxEntry } from '../../transports/types.js';
import type { PageWire, SocketTally } from '../wire/page-wire.js';
import type { FetchConnections } from './fetch-connections.js';
import { whyRefused } from './refusal.js';

/**
 * WebSocket, the browser's own: one socket both ways, as in Node (ws-transport.ts), with what a
 * page cannot do otherwise. The token goes in the URL, since a page cannot set a WebSocket's
 * headers. A refused upgrade is only "failed" to the page, so it asks the server why (refusal.ts).
 * Protocol pings are the browser's business and unseen: the page's own pings, one a heartbeat,
 * are its heartbeat, and the server's pongs what it hears.
 */
export class PageWsTransport extends Transport {
  readonly kind = 'ws';
  readonly pipelined = true;
  protected readonly opening = 'ws upgrade';
  #ws: WebSocket | undefined;
  #tally: SocketTally | undefined;
  #upgraded = false;
  readonly #pinger = new Pinger(this.ctx.clock, this.ctx.random, (t) => this.#send({ type: 'ping', t }));

  constructor(
    ctx: TransportContext,
    owner: TransportOwner,
    private readonly wire: PageWire,
    /** For asking why an upgrade failed. */
    private readonly probes: FetchConnections,
  ) {
    super(ctx, owner);
  }

  protected doOpen(): void {
    const { ctx } = this;
    const url = endpoint(ctx, '/ws', { since: String(ctx.since), ...(ctx.token === undefined ? {} : { token: ctx.token }) });
    url.protocol = ctx.server.protocol === 'https:' ? 'wss:' : 'ws:';
    ctx.meter.request();
    this.#tally = this.wire.webSocket(url);
    const ws = new WebSocket(url, WS_SUBPROTOCOL);
    this.#ws = ws;
    ws.onopen = () => this.#onUpgraded();
    ws.onmessage = (event: MessageEvent<unknown>) => this.#onMessage(event.data);
    ws.onclose = (event) => this.#onSocketClosed(event, url);
  }

  protected doClose(report: CloseReport): void {
    this.#pinger.stop();
    this.probes.destroy();
    const ws = this.#ws;
    if (ws === undefined) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    // 1000 says "closed on purpose"; a browser cannot drop a socket without a close frame, so any other end sends one without a code.
    if (report.code === 'client' && ws.readyState === WebSocket.OPEN) ws.close(1000, 'bye');
    else ws.close();
  }

  protected write(entry: OutboxEntry): void {
    this.#send({ type: 'send', text: entry.text, clientId: entry.clientId, sentAt: entry.sentAt });
  }

  protected writeTyping(): void {
    this.#send({ type: 'typing' });
  }

  protected override onWelcome(frame: Extract<ServerFrame, { type: 'welcome' }>): void {
    if (this.isOpen) return;
    const heartbeatMs = this.welcomed(frame);
    if (this.isOpen) this.#pinger.start(this.ctx.timing.pingIntervalMs ?? heartbeatMs);
  }

  #send(frame: ClientFrame): void {
    if (this.#ws?.readyState !== WebSocket.OPEN) return;
    const text = JSON.stringify(frame);
    this.#tally?.frame(text, true);
    this.#ws.send(text);
  }

  #onUpgraded(): void {
    this.#upgraded = true;
    this.#tally?.upgraded();
    this.watch();
  }

  #onMessage(data: unknown): void {
    if (!this.live) return;
    this.alive();
    if (typeof data !== 'string') return this.onClose(dropped('ws frame is not valid: (binary)'));
    this.#tally?.frame(data, false);
    const frame = decodeServerFrame(data);
    if (frame === 'unknown') return;
    if (frame === undefined) return this.onClose(dropped(`ws frame is not valid: ${excerpt(data)}`));
    this.onFrame(frame);
  }

  #onSocketClosed(event: CloseEvent, url: URL): void {
    if (!this.live) return;
    if (this.#upgraded) return this.onClose(fromWsClose(event.code, sanitizeLine(event.reason)));
    const probe = new URL(url);
    probe.protocol = this.ctx.server.protocol;
    void whyRefused(probe, this.opening, this.ctx, this.probes).then((report) => this.onClose(report));
  }
}
