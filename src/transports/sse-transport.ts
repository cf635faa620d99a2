import type { Agent, IncomingMessage } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { dropped, fromHttpStatus, fromNetFailure } from './close-report.js';
import { decodeSseEvent } from './decode.js';
import { createAgent, exchange, readBody, type Exchange } from './http.js';
import { HttpSender } from './http-sender.js';
import { authHeaders, endpoint, Transport, type TransportContext, type TransportOwner } from './transport.js';
import type { OutboxEntry } from './types.js';

/** A stream line this long without an end is not SSE from our server. */
const MAX_EVENT_CHARS = 1024 * 1024;
/** Events this client understands; others are skipped, so a newer server can add some. */
const KNOWN_EVENTS: ReadonlySet<string | undefined> = new Set(['welcome', 'message', 'presence', 'typing']);

/**
 * Server-Sent Events: GET /events read as a stream by eventsource-parser, resumed with
 * Last-Event-ID; sends and typing go by POST. The stream has a connection of its own (like a
 * browser's EventSource); a keep-alive agent carries the POSTs.
 */
export class SseTransport extends Transport {
  readonly kind = 'sse';
  readonly pipelined = false;
  protected readonly opening = 'sse stream';
  readonly #streamAgent: Agent;
  readonly #sendAgent: Agent;
  readonly #sender: HttpSender;
  #exchange: Exchange | undefined;
  #response: IncomingMessage | undefined;

  constructor(ctx: TransportContext, owner: TransportOwner) {
    super(ctx, owner);
    this.#streamAgent = createAgent(ctx.server, false);
    this.#sendAgent = createAgent(ctx.server, true);
    this.#sender = new HttpSender(ctx, this.#sendAgent, owner, (report) => this.onClose(report));
  }

  protected doOpen(): void {
    const { ctx } = this;
    const headers: Record<string, string> = { ...authHeaders(ctx), accept: 'text/event-stream', 'cache-control': 'no-cache' };
    // The header is how an EventSource resumes; the server prefers it to ?since=.
    if (ctx.since > 0) headers['last-event-id'] = String(ctx.since);
    this.#exchange = exchange(
      { method: 'GET', url: endpoint(ctx, '/events', { since: String(ctx.since) }), agent: this.#streamAgent, headers, timeoutMs: ctx.timing.openTimeoutMs },
      ctx,
      { response: (res) => this.#onResponse(res), failure: (failure) => this.onClose(fromNetFailure(this.opening, failure)) },
    );
  }

  protected doClose(): void {
    this.#exchange?.abort();
    this.#response?.destroy();
    this.#sender.abortAll();
    this.#streamAgent.destroy();
    this.#sendAgent.destroy();
  }

  protected write(entry: OutboxEntry): void {
    this.#sender.post(entry);
  }

  protected writeTyping(): void {
    this.#sender.typing();
  }

  #onResponse(res: IncomingMessage): void {
    if (!this.live) return void res.destroy();
    this.#response = res;
    const status = res.statusCode ?? 0;
    if (status !== 200) {
      readBody(res).then(
        (body) => this.onClose(fromHttpStatus(this.opening, status, body)),
        () => this.onClose(fromHttpStatus(this.opening, status, '')),
      );
      return;
    }
    // Headers are in; from now on silence is the watchdog's to judge, and the open timeout waits for the welcome.
    this.#exchange?.finish();
    this.watch();
    const parser = createParser({
      onEvent: (event) => this.#onEvent(event),
      // Unknown fields are skipped as the SSE spec says; only an endless line is fatal to the stream.
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.onClose(dropped(`sse stream is not valid: ${error.message}`));
      },
      maxBufferSize: MAX_EVENT_CHARS,
    });
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (!this.live) return;
      this.alive();
      parser.feed(chunk);
    });
    res.on('end', () => this.onClose(dropped('sse stream ended by the server')));
    res.on('error', (error) => this.onClose(dropped(`sse stream failed: ${error.message}`)));
    res.on('close', () => this.onClose(dropped('sse stream closed')));
  }

  #onEvent(event: EventSourceMessage): void {
    if (!this.live || !KNOWN_EVENTS.has(event.event)) return;
    const frame = decodeSseEvent(event.event, event.data);
    if (frame === undefined) return this.onClose(dropped(`sse event ${JSON.stringify(event.event ?? 'message')} is not valid`));
    switch (frame.type) {
      case 'welcome':
        return this.onOpen({ epoch: frame.epoch, lastId: frame.lastId, online: frame.online });
      case 'message':
        return this.owner.message(frame.message);
      case 'presence':
        return this.owner.presence({ event: frame.event, user: frame.user, transport: frame.transport, online: frame.online });
      case 'typing':
        return this.owner.typing(frame.user);
      default:
        return;
    }
  }
}
