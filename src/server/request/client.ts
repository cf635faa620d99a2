import type { IncomingMessage } from 'node:http';

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

/** The scheme the client used, as a URL's protocol: this server speaks plain HTTP, unless a trusted proxy says it took HTTPS. */
export function requestScheme(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const proto = req.headers['x-forwarded-proto'];
    if (typeof proto === 'string' && lastItem(proto).toLowerCase() === 'https') return 'https:';
  }
  return 'http:';
}
