import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterEach } from 'vitest';
import { waitFor } from './wait.js';

const open = new Set<SseClient>();

afterEach(() => {
  for (const client of open) client.close();
  open.clear();
});

/** One SSE event as received, in order with the `retry:` field and comments. */
export type SseItem =
  | { readonly kind: 'event'; readonly event: string | undefined; readonly id: string | undefined; readonly data: string }
  | { readonly kind: 'retry'; readonly ms: number }
  | { readonly kind: 'comment'; readonly text: string };

/**
 * A raw GET /events reader on its own connection: parses the stream as it comes, can pause
 * reading (to play a slow reader), and is destroyed after the test if still open.
 */
export class SseClient {
  readonly items: SseItem[] = [];
  /** The raw text received, for asserting on the exact wire format. */
  raw = '';
  #ended = false;
  readonly #parser = createParser({
    onEvent: (e: EventSourceMessage) => this.items.push({ kind: 'event', event: e.event, id: e.id, data: e.data }),
    onRetry: (ms) => this.items.push({ kind: 'retry', ms }),
    onComment: (text) => this.items.push({ kind: 'comment', text }),
  });

  constructor(
    private readonly req: ClientRequest,
    readonly res: IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.raw += chunk;
      this.#parser.feed(chunk);
    });
    const done = (): void => {
      this.#ended = true;
      open.delete(this);
    };
    res.on('end', done);
    res.on('close', done);
    res.on('error', done);
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  get headers(): IncomingHttpHeaders {
    return this.res.headers;
  }

  /** True once the server ended or cut the stream and everything sent was read. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Events only (not retry or comments). */
  get events(): Extract<SseItem, { kind: 'event' }>[] {
    return this.items.filter((item): item is Extract<SseItem, { kind: 'event' }> => item.kind === 'event');
  }

  /** Data of every `event: message`, parsed. */
  messages<T = { id: number; text: string; user: string }>(): T[] {
    return this.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as T);
  }

  /** The first event named `name` whose parsed data matches `match`, waiting up to `timeoutMs`. */
  async event<T>(name: string, match: (data: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    return waitFor(
      () => {
        for (const e of this.events) {
          if (e.event !== name) continue;
          const data = JSON.parse(e.data) as T;
          if (match(data)) return { data };
        }
        return undefined;
      },
      timeoutMs,
      `SSE event "${name}"`,
    ).then((found) => found.data);
  }

  /** Waits until the stream ended (server closed it), up to `timeoutMs`. */
  async endedWithin(timeoutMs = 5000): Promise<void> {
    await waitFor(() => this.#ended, timeoutMs, 'the SSE stream to end');
  }

  pause(): void {
    this.res.pause();
  }

  resume(): void {
    this.res.resume();
  }

  close(): void {
    this.req.destroy();
    this.res.destroy();
    open.delete(this);
  }
}

/**
 * Opens GET `url` (an /events URL) and resolves once the response head arrived, whatever its
 * status; a non-stream answer's body is read into `raw` too.
 */
export function openSse(url: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to GET ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      const client = new SseClient(req, res);
      open.add(client);
      resolve(client);
    });
    req.end();
  });
}
