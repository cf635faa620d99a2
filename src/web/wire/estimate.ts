import { utf8Length } from '../../transports/stats-math.js';

/*
 * Bytes on the wire as a page can reckon them. A browser shows its page neither the request
 * headers it adds nor, for an EventSource or a WebSocket, the server's; nor does it say which
 * requests share a TCP connection. What the page knows it counts exactly (its own headers, URLs
 * and bodies, every frame and event, a fetch's answer); the rest is the set Chromium sends (its
 * user agent and languages as the page reads them) and the heads termchat's server answers with.
 * The status bar marks these figures as estimates.
 */

/** A header block's bytes: `name: value` and CRLF each, and the empty line that ends it. */
export function headerBytes(headers: Iterable<readonly [string, string]>): number {
  let bytes = 2;
  for (const [name, value] of headers) bytes += utf8Length(name) + 2 + utf8Length(value) + 2;
  return bytes;
}

/** What a browser adds to every request it makes for the page, as it says it of itself. */
export interface BrowserHeaders {
  /** navigator.userAgent */
  readonly userAgent: string;
  /** navigator.languages, as Accept-Language: "en-US,en;q=0.9". */
  readonly acceptLanguage: string;
  /** The client hints Chromium adds in a secure context (sec-ch-ua…), none elsewhere. */
  readonly hints: readonly (readonly [string, string])[];
}

/** navigator.languages as Chromium writes Accept-Language: the first as it is, then q=0.9, 0.8… */
export function acceptLanguage(languages: readonly string[]): string {
  return languages.map((language, i) => (i === 0 ? language : `${language};q=${Math.max(0.1, 1 - i / 10).toFixed(1)}`)).join(',');
}

/** What a request is, for its head. */
export interface RequestHead {
  readonly method: 'GET' | 'POST';
  /** Path and query. */
  readonly target: string;
  readonly host: string;
  /** The headers the page set itself (authorization, content-type). */
  readonly own: Readonly<Record<string, string>>;
  /** A POST's body bytes (Content-Length), and Origin goes with it. */
  readonly bodyBytes?: number;
  /** The page's origin, sent with a POST and a WebSocket's upgrade. */
  readonly origin: string;
}

/** How the browser asks: a fetch, an EventSource or a WebSocket's upgrade each add their own. */
export type Asker = 'fetch' | 'eventsource' | 'websocket';

/** The bytes of a request's line and headers, what the page set and what Chromium adds. */
export function requestHeadBytes(head: RequestHead, asker: Asker, browser: BrowserHeaders): number {
  const line = utf8Length(`${head.method} ${head.target} HTTP/1.1`) + 2;
  const headers: (readonly [string, string])[] = [['Host', head.host], ...Object.entries(head.own), ['User-Agent', browser.userAgent], ['Accept-Encoding', 'gzip, deflate, br, zstd'], ['Accept-Language', browser.acceptLanguage]];
  if (asker === 'websocket') {
    headers.push(
      ['Connection', 'Upgrade'],
      ['Pragma', 'no-cache'],
      ['Cache-Control', 'no-cache'],
      ['Upgrade', 'websocket'],
      ['Origin', head.origin],
      ['Sec-WebSocket-Version', '13'],
      ['Sec-WebSocket-Key', 'x'.repeat(24)],
      ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
      ['Sec-WebSocket-Protocol', 'termchat.v1'],
    );
    return line + headerBytes(headers);
  }
  headers.push(['Connection', 'keep-alive'], ...browser.hints, ['Sec-Fetch-Site', 'same-origin'], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Dest', 'empty']);
  if (asker === 'eventsource') headers.push(['Accept', 'text/event-stream'], ['Pragma', 'no-cache'], ['Cache-Control', 'no-cache']);
  else headers.push(['Accept', '*/*']);
  if (head.bodyBytes !== undefined) headers.push(['Content-Length', String(head.bodyBytes)], ['Origin', head.origin]);
  return line + headerBytes(headers);
}

/** An answer's status line and headers, as a fetch shows them (all of them, for a page's own server). */
export function responseHeadBytes(status: number, statusText: string, headers: Iterable<readonly [string, string]>): number {
  return utf8Length(`HTTP/1.1 ${status} ${statusText}`) + 2 + headerBytes(headers);
}

// The heads termchat's server answers an EventSource and a WebSocket with, which no page sees:
// the headers of its SSE stream (docs/protocol.md) with Node's Date and chunked encoding, and the
// upgrade's 101 with the accepted key and subprotocol.
const SSE_HEAD = responseHeadBytes(200, 'OK', [
  ['content-type', 'text/event-stream; charset=utf-8'],
  ['cache-control', 'no-cache, no-transform'],
  ['connection', 'keep-alive'],
  ['x-accel-buffering', 'no'],
  ['Date', 'Thu, 01 Jan 2026 00:00:00 GMT'],
  ['Transfer-Encoding', 'chunked'],
]);
const UPGRADE_HEAD = utf8Length('HTTP/1.1 101 Switching Protocols') + 2 + headerBytes([['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', 'x'.repeat(28)], ['Sec-WebSocket-Protocol', 'termchat.v1']]);

/** The server's head of an SSE stream and its first chunk, `retry:` (what the stream asked for), neither of which an EventSource shows. */
export function sseOpeningBytes(retryMs: number): number {
  return SSE_HEAD + httpChunkBytes(utf8Length(`retry: ${retryMs}\n\n`));
}

/** The server's 101 answer to a WebSocket upgrade. */
export const UPGRADE_ANSWER_BYTES = UPGRADE_HEAD;

/** One HTTP chunk of `payload` bytes: its size in hex, CRLF, the payload, CRLF. */
export function httpChunkBytes(payload: number): number {
  return payload.toString(16).length + 2 + payload + 2;
}

/** One SSE event as termchat's server writes it (an HTTP chunk of `id:`, `event:`, `data:`), from what an EventSource shows of it. */
export function sseEventBytes(event: string, data: string, lastEventId: string): number {
  const payload = (lastEventId === '' ? 0 : utf8Length(`id: ${lastEventId}\n`)) + utf8Length(`event: ${event}\ndata: ${data}\n\n`);
  return httpChunkBytes(payload);
}

/** A WebSocket text frame of `payload` bytes: 2 to 10 bytes of header, and a 4-byte mask on what a client sends (RFC 6455). */
export function wsFrameBytes(payload: number, fromClient: boolean): number {
  const length = payload < 126 ? 0 : payload < 65536 ? 2 : 8;
  return 2 + length + (fromClient ? 4 : 0) + payload;
}

/** What a browser says of itself, as `navigator` holds it; `userAgentData` is Chromium's. */
export interface NavigatorLike {
  readonly userAgent: string;
  readonly languages: readonly string[];
  readonly userAgentData?: { readonly brands: readonly { readonly brand: string; readonly version: string }[]; readonly mobile: boolean; readonly platform: string };
}

/** The headers a browser adds of itself: its user agent and languages, and where it sends them (a secure context) Chromium's client hints. */
export function browserHeaders(navigator: NavigatorLike, secureContext: boolean): BrowserHeaders {
  const data = navigator.userAgentData;
  const hints: (readonly [string, string])[] =
    data === undefined || !secureContext
      ? []
      : [
          ['sec-ch-ua-platform', `"${data.platform}"`],
          ['sec-ch-ua', data.brands.map(({ brand, version }) => `"${brand}";v="${version}"`).join(', ')],
          ['sec-ch-ua-mobile', data.mobile ? '?1' : '?0'],
        ];
  return { userAgent: navigator.userAgent, acceptLanguage: acceptLanguage(navigator.languages), hints };
}
