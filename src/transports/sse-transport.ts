import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { dropped, fromHttpStatus, fromNetFailure, MAX_REFUSAL_BODY } from './close-report.js';
import { decodeSseEvent } from './decode.js';
import { exchange, type Exchange, type HttpConnections, type ResponseReader } from './http.js';
import { HttpSender } from './http-sender.js';
import { NodeConnections } from './node-connections.js';
import { authHeaders, requestTarget, Transport, type TransportContext, type TransportOwner } from './transport.js';
import type { OutboxEntry } from './types.js';
import { UndiciConnections } from './undici-connections.js';
import { chunkBytes, headBytes } from './wire-sizes.js';

/** A stream line this long without an end is not SSE from our server. */
const MAX_EVENT_CHARS = 1024 * 1024;
/** Events this client understands; others are skipped, so a newer server can add some. */
const KNOWN_EVENTS: ReadonlySet<string | undefined> = new Set(['welcome', 'message', 'presence', 'typing', 'reads']);

/**
 * Server-Sent Events: GET /events read as a stream by eventsource-parser, resumed with
 * Last-Event-ID; sends and typing go by POST. The stream has a connection of its own (like a
 * browser's EventSource); kept-alive connections carry the POSTs.
 */
export class SseTransport extends Transport {
  readonly kind = 'sse';
  readonly pipelined = false;
  protected readonly opening = 'sse stream';
  readonly #stream: HttpConnections;
  readonly #sends: HttpConnections;
  readonly #sender: HttpSender;
  #exchange: Exchange | undefined;
  /** While the wire view watches, what the chunk being read brought. */
  #chunkEvents: { types: string[]; messages: number; payload: number } | undefined;

  constructor(ctx: TransportContext, owner: TransportOwner) {
    super(ctx, owner);
    this.#stream = new UndiciConnections(ctx.server, false, ctx.meter, { dial: ctx.dial });
    this.#sends = new NodeConnections(ctx.server, true, ctx.meter, { dial: ctx.dial });
    this.#sender = new HttpSender(ctx, this.#sends, owner, (report) => this.onClose(report));
  }

  protected doOpen(): void {
    const { ctx } = this;
    const headers: Record<string, string> = { ...authHeaders(ctx), accept: 'text/event-stream', 'cache-control': 'no-cache' };
    // The header is how an EventSource resumes; the server prefers it to ?since=.
    if (ctx.since > 0) headers['last-event-id'] = String(ctx.since);
    this.#exchange = exchange(
      { method: 'GET', path: requestTarget(ctx, '/events', { since: String(ctx.since) }), via: this.#stream, headers, timeoutMs: ctx.timing.openTimeoutMs },
      ctx,
      this.#reader(),
    );
  }

  protected doClose(): void {
    this.#exchange?.abort();
    this.#sender.abortAll();
    this.#stream.destroy();
    this.#sends.destroy();
  }

  protected write(entry: OutboxEntry): void {
    this.#sender.post(entry);
  }

  protected writeTyping(): void {
    this.#sender.typing();
  }

  protected writeRead(id: number): void {
    this.#sender.read(id);
  }

  /**
   * Reads the stream: an error status closes with the server's reason; a 200 is parsed event by
   * event as it comes, and its end, whenever it comes, is a dropped connection.
   */
  #reader(): ResponseReader {
    let status = 0;
    let refusal = '';
    let parser: EventSourceParser | undefined;
    let chunked = false;
    // Chunks are cut anywhere, even inside a character.
    const text = new StringDecoder('utf8');
    return {
      head: (answered, headers) => {
        status = answered;
        chunked = headers['transfer-encoding'] === 'chunked';
        const socket = this.#exchange?.socket;
        if (socket !== undefined) this.ctx.meter.wire?.head(socket, 'events', answered, this.#exchange!.startedAt, headBytes(answered, headers));
        if (answered === 200) parser = this.#opened();
      },
      data: (chunk) => {
        if (!this.live) return;
        if (parser === undefined) {
          if (refusal.length < MAX_REFUSAL_BODY) refusal += text.write(chunk);
          return;
        }
        this.alive();
        const tap = this.ctx.meter.wire;
        const socket = this.#exchange?.socket;
        if (tap === undefined || socket === undefined) return parser.feed(text.write(chunk));
        const seen = (this.#chunkEvents = { types: [], messages: 0, payload: 0 });
        parser.feed(text.write(chunk));
        this.#chunkEvents = undefined;
        tap.sse(socket, chunked ? chunkBytes(chunk.length) : chunk.length, seen.types, seen.messages, seen.payload);
      },
      end: () => this.onClose(parser === undefined ? fromHttpStatus(this.opening, status, refusal) : dropped('sse stream ended by the server')),
      failure: (failure) => {
        if (parser !== undefined) this.onClose(dropped(`sse stream failed: ${failure.message}`));
        else if (status !== 0) this.onClose(fromHttpStatus(this.opening, status, refusal));
        else this.onClose(fromNetFailure(this.opening, failure));
      },
    };
  }

  /** Headers are in; from now on silence is the watchdog's to judge, and the open timeout waits for the welcome. */
  #opened(): EventSourceParser {
    this.#exchange?.finish();
    this.watch();
    return createParser({
      onEvent: (event) => this.#onEvent(event),
      onComment: () => this.#chunkEvents?.types.push('keep-alive'),
      onRetry: () => this.#chunkEvents?.types.push('retry'),
      // Unknown fields are skipped as the SSE spec says; only an endless line is fatal to the stream.
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.onClose(dropped(`sse stream is not valid: ${error.message}`));
      },
      maxBufferSize: MAX_EVENT_CHARS,
    });
  }

  #onEvent(event: EventSourceMessage): void {
    const seen = this.#chunkEvents;
    if (!this.live || !KNOWN_EVENTS.has(event.event)) return void seen?.types.push('unknown');
    const frame = decodeSseEvent(event.event, event.data);
    if (seen !== undefined) {
      seen.types.push(frame?.type ?? 'invalid');
      if (frame?.type === 'message') {
        seen.messages++;
        seen.payload += Buffer.byteLength(frame.message.text);
      }
    }
    if (frame === undefined) return this.onClose(dropped(`sse event ${JSON.stringify(event.event ?? 'message')} is not valid`));
    // A welcome's heartbeat is the keep-alives' period.
    this.onFrame(frame);
  }
}
