import { dropped } from '../../transports/close-report.js';
import { decodeSseEvent } from '../../transports/decode.js';
import { HttpSender } from '../../transports/http-sender.js';
import { endpoint, Transport, type TransportContext, type TransportOwner } from '../../transports/transport.js';
import type { OutboxEntry } from '../../transports/types.js';
import type { PageWire, StreamTally } from '../wire/page-wire.js';
import { FetchConnections } from './fetch-connections.js';
import { whyRefused } from './refusal.js';

/** The events the stream carries; `keep-alive` is the heartbeat the page asks for as an event. */
const EVENTS = ['welcome', 'message', 'presence', 'typing', 'keep-alive'] as const;

/**
 * Server-Sent Events by the browser's EventSource, sends and typing by fetch (POST), as in Node
 * (sse-transport.ts). The stream asks for its keep-alives as events (`keepalive=event`), since an
 * EventSource hides comments and the page must hear the heartbeat. An EventSource retries by
 * itself, every `retry:` (a second), for ever and with every other page at once: this one is
 * closed on its first error instead, and the connection reconnects under its backoff and jitter,
 * resuming from its last id (`since`, which the server reads as it reads Last-Event-ID). A stream
 * that fails to open is only an "error" to the page, so it asks the server why (refusal.ts).
 */
export class PageSseTransport extends Transport {
  readonly kind = 'sse';
  readonly pipelined = false;
  protected readonly opening = 'sse stream';
  readonly #sends: FetchConnections;
  readonly #sender: HttpSender;
  #source: EventSource | undefined;
  #tally: StreamTally | undefined;
  #streaming = false;

  constructor(
    ctx: TransportContext,
    owner: TransportOwner,
    private readonly wire: PageWire,
  ) {
    super(ctx, owner);
    this.#sends = new FetchConnections(ctx.server, wire);
    this.#sender = new HttpSender(ctx, this.#sends, owner, (report) => this.onClose(report));
  }

  protected doOpen(): void {
    const { ctx } = this;
    const url = endpoint(ctx, '/events', { since: String(ctx.since), keepalive: 'event', ...(ctx.token === undefined ? {} : { token: ctx.token }) });
    ctx.meter.request();
    this.#tally = this.wire.eventSource(url);
    const source = new EventSource(url);
    this.#source = source;
    source.onopen = () => this.#onStreaming();
    for (const name of EVENTS) source.addEventListener(name, (event: MessageEvent<string>) => this.#onEvent(name, event));
    source.onerror = () => this.#onError(url);
  }

  protected doClose(): void {
    this.#source?.close();
    this.#sender.abortAll();
    this.#sends.destroy();
  }

  protected write(entry: OutboxEntry): void {
    this.#sender.post(entry);
  }

  protected writeTyping(): void {
    this.#sender.typing();
  }

  /** Headers are in; from now on silence is the watchdog's to judge, and the open timeout waits for the welcome. */
  #onStreaming(): void {
    if (!this.live) return;
    this.#streaming = true;
    this.#tally?.open();
    this.watch();
  }

  #onEvent(name: (typeof EVENTS)[number], event: MessageEvent<string>): void {
    if (!this.live) return;
    this.alive();
    // An EventSource keeps the last id it saw on every later event; only messages carry one.
    this.#tally?.event(name, event.data, name === 'message' ? event.lastEventId : '');
    if (name === 'keep-alive') return;
    const frame = decodeSseEvent(name, event.data);
    if (frame === undefined) return this.onClose(dropped(`sse event ${JSON.stringify(name)} is not valid`));
    this.onFrame(frame);
  }

  #onError(url: URL): void {
    if (!this.live) return;
    // No retry of the EventSource's own: the connection's backoff decides when.
    this.#source?.close();
    if (this.#streaming) return this.onClose(dropped('sse stream ended or failed'));
    void whyRefused(url, this.opening, this.ctx, this.#sends).then((report) => this.onClose(report));
  }
}
