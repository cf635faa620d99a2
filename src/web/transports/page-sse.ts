import { backoffDelay } from '../../transports/backoff.js';
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
 * EventSource hides comments and the page must hear the heartbeat.
 *
 * An EventSource retries by itself after the server's `retry:`, with the Last-Event-ID it kept,
 * which the server resumes from. Left alone it would retry every second for ever, with every other
 * page at once; so the stream asks for a retry of its own (`retry=`), the connection's first step
 * of backoff with its jitter, and lets it retry once: an open stream that fails is lost, not
 * closed, and the connection shows it reconnecting until it opens again. If that retry fails too,
 * the server is likely down: the EventSource is closed, and the connection's backoff goes on with
 * a new one resuming from its last id (`since`). A stream that fails to open is only an "error"
 * to the page, so it asks the server why (refusal.ts).
 */
export class PageSseTransport extends Transport {
  readonly kind = 'sse';
  readonly pipelined = false;
  protected readonly opening = 'sse stream';
  readonly #sends: FetchConnections;
  readonly #sender: HttpSender;
  /** The delay the stream asks its EventSource's own retry to wait. */
  readonly #retryMs: number;
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
    this.#retryMs = backoffDelay(1, ctx.backoff, ctx.random);
  }

  protected doOpen(): void {
    const { ctx } = this;
    const url = endpoint(ctx, '/events', { since: String(ctx.since), keepalive: 'event', retry: String(this.#retryMs), ...(ctx.token === undefined ? {} : { token: ctx.token }) });
    ctx.meter.request();
    this.#tally = this.wire.eventSource(url, this.#retryMs);
    const source = new EventSource(url);
    this.#source = source;
    source.onopen = () => this.#onStreaming();
    for (const name of EVENTS) source.addEventListener(name, (event: MessageEvent<string>) => this.#onEvent(name, event));
    source.onerror = () => this.#onError(url);
  }

  protected override doReopen(): void {
    this.ctx.meter.request();
    this.#tally?.retry();
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
    // A lost stream's retry, maybe a little ahead of when it was due here.
    this.reopening();
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
    const streaming = this.#streaming;
    this.#streaming = false;
    const failed = dropped('sse stream ended or failed');
    // An open stream that failed: the EventSource retries by itself (it is CONNECTING), once.
    if (this.isOpen && this.#source?.readyState === 0) return this.onLost(failed, this.#retryMs);
    // Its retry failed (maybe a little ahead of when it was due here), or the stream never opened:
    // closed, and the connection's backoff decides the next.
    this.reopening();
    this.#source?.close();
    if (streaming) return this.onClose(failed);
    void whyRefused(url, this.opening, this.ctx, this.#sends).then((report) => this.onClose(report));
  }
}
