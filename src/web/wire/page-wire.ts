import { utf8Length } from '../../transports/stats-math.js';
import type { WireTotals } from '../../transports/wire.js';
import { requestHeadBytes, responseHeadBytes, sseEventBytes, sseOpeningBytes, UPGRADE_ANSWER_BYTES, wsFrameBytes, type BrowserHeaders, type RequestHead } from './estimate.js';

/** How long termchat's server keeps an idle kept-alive connection open (docs/protocol.md, Limits). */
export const SERVER_IDLE_MS = 5000;

/** An HTTP request on its way: what the page set of it. */
export interface PageRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * The page's connections and bytes, as a client's stats read them (WireTotals), estimated where a
 * browser hides them (estimate.ts). Connections are reckoned as a browser keeps them: every
 * request of the page to its server goes on an idle kept-alive connection when there is one the
 * server still keeps, else on a new one; an EventSource holds one for as long as it streams, a
 * WebSocket has its own. `changed` is called after every count, for a status bar that shows them.
 */
export class PageWire implements WireTotals {
  #connections = 0;
  #sent = 0;
  #received = 0;
  /** When each idle kept-alive connection was last let go. */
  #idle: number[] = [];

  constructor(
    private readonly browser: BrowserHeaders,
    private readonly origin: string,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  get connections(): number {
    return this.#connections;
  }

  bytes(): { sent: number; received: number } {
    return { sent: this.#sent, received: this.#received };
  }

  /** A fetch goes out; returns what to call as its answer comes. */
  fetch(request: PageRequest): FetchTally {
    this.#takeConnection();
    const bodyBytes = request.body === undefined ? undefined : utf8Length(request.body);
    this.#count(requestHeadBytes(this.#head(request.method, request.url, request.headers, bodyBytes), 'fetch', this.browser) + (bodyBytes ?? 0), 0);
    return {
      head: (status, statusText, headers) => this.#count(0, responseHeadBytes(status, statusText, headers)),
      body: (bytes) => this.#count(0, bytes),
      done: () => this.#idle.push(this.now()),
      failed: () => this.#lost(),
    };
  }

  /**
   * An EventSource asks for its stream, on a connection it never hands back, with the `retry:` it
   * asked for; returns what to call as it streams, and as it retries by itself (with the
   * Last-Event-ID it kept, on a connection of its own again).
   */
  eventSource(url: URL, retryMs: number): StreamTally {
    let lastEventId = '';
    const ask = (): void => {
      this.#takeConnection();
      this.#count(requestHeadBytes(this.#head('GET', url, lastEventId === '' ? {} : { 'Last-Event-ID': lastEventId }), 'eventsource', this.browser), 0);
    };
    ask();
    return {
      open: () => this.#count(0, sseOpeningBytes(retryMs)),
      event: (event, data, id) => {
        if (id !== '') lastEventId = id;
        this.#count(0, sseEventBytes(event, data, id));
      },
      retry: ask,
    };
  }

  /** A WebSocket opens a connection of its own and upgrades it; returns what to call for its frames. */
  webSocket(url: URL): SocketTally {
    this.#connections++;
    this.#count(requestHeadBytes(this.#head('GET', url, {}), 'websocket', this.browser), 0);
    return {
      upgraded: () => this.#count(0, UPGRADE_ANSWER_BYTES),
      frame: (text, fromClient) => {
        const bytes = wsFrameBytes(utf8Length(text), fromClient);
        this.#count(fromClient ? bytes : 0, fromClient ? 0 : bytes);
      },
    };
  }

  #head(method: 'GET' | 'POST', url: URL, own: Readonly<Record<string, string>>, bodyBytes?: number): RequestHead {
    return { method, target: `${url.pathname}${url.search}`, host: url.host, own, origin: this.origin, ...(bodyBytes === undefined ? {} : { bodyBytes }) };
  }

  /** A kept-alive connection the server has not closed yet, else a new one. */
  #takeConnection(): void {
    const now = this.now();
    this.#idle = this.#idle.filter((since) => now - since < SERVER_IDLE_MS);
    if (this.#idle.pop() === undefined) this.#connections++;
  }

  /** A request failed on the network: the server is likely gone, and its idle connections with it. */
  #lost(): void {
    this.#idle = [];
  }

  #count(sent: number, received: number): void {
    this.#sent += sent;
    this.#received += received;
    this.changed();
  }
}

/** What a fetch's answer brings, counted as it comes. */
export interface FetchTally {
  head(status: number, statusText: string, headers: Iterable<readonly [string, string]>): void;
  body(bytes: number): void;
  /** The whole answer is in: its connection idles, kept alive. */
  done(): void;
  failed(): void;
}

/** What an EventSource brings, and asks again. */
export interface StreamTally {
  open(): void;
  event(event: string, data: string, lastEventId: string): void;
  retry(): void;
}

/** What a WebSocket carries. */
export interface SocketTally {
  upgraded(): void;
  frame(text: string, fromClient: boolean): void;
}
