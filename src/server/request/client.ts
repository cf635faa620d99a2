import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../room/context.js';

/** The last comma-separated item of a header, trimmed: what the nearest proxy wrote. */
function lastItem(value: string): string {
  return value.slice(value.lastIndexOf(',') + 1).trim();
}

/**
 * Where a request comes from: the TCP peer's address, or, behind a reverse proxy the operator
 * vouches for (`--trust-proxy`), the last X-Forwarded-For hop: the one the proxy appended, since
 * everything before it is whatever the client chose to send.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    if (typeof forwarded === 'string') {
      const hop = lastItem(forwarded);
      if (hop !== '') return hop;
    }
  }
  return req.socket.remoteAddress ?? '';
}

/**
 * The client's address when a limit kept per address is on, else '': asking a socket its peer
 * leaves an object on it, which a WebSocket or an SSE stream would keep for its whole life.
 */
export function limitedAddress(ctx: ServerContext, req: IncomingMessage): string {
  return ctx.limits.perAddress || ctx.quota !== undefined ? clientAddress(req, ctx.options.trustProxy) : '';
}

/** The scheme the client used, as a URL's protocol: this server speaks plain HTTP, unless a trusted proxy says it took HTTPS. */
export function requestScheme(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const proto = req.headers['x-forwarded-proto'];
    if (typeof proto === 'string' && lastItem(proto).toLowerCase() === 'https') return 'https:';
  }
  return 'http:';
}
