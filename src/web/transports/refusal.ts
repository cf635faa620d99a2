import { dropped, fromHttpStatus, fromNetFailure, MAX_REFUSAL_BODY, type CloseReport } from '../../transports/close-report.js';
import { exchange, type HttpConnections } from '../../transports/http.js';
import type { TransportContext } from '../../transports/transport.js';

/**
 * Why a WebSocket or an EventSource failed to open, which the browser does not tell the page:
 * asked of the server by a plain GET of the same URL (docs/protocol.md, "Why a WebSocket failed").
 * A refusal comes back with its status and `{error, code}`, as a Node client reads it off the
 * failed upgrade or stream; an answer that would open (200 for a stream, 426 for /ws) or none at
 * all means the network failed, and trying again may help.
 */
export function whyRefused(url: URL, opening: string, ctx: TransportContext, via: HttpConnections): Promise<CloseReport> {
  return new Promise((resolve) => {
    let status = 0;
    let body = '';
    const decoder = new TextDecoder();
    const call = exchange({ method: 'GET', path: `${url.pathname}${url.search}`, via, headers: {}, timeoutMs: ctx.timing.requestTimeoutMs }, ctx, {
      head: (answered) => {
        status = answered;
        if (status !== 200 && status !== 426) return;
        // The stream would open now: what failed was the way there.
        call.abort();
        resolve(dropped(`${opening} failed, though the server would take it now`));
      },
      data: (chunk) => {
        if (body.length < MAX_REFUSAL_BODY) body += decoder.decode(chunk, { stream: true });
      },
      end: () => resolve(fromHttpStatus(opening, status, body)),
      failure: () => resolve(fromNetFailure(opening, { kind: 'unreachable', message: 'the server cannot be reached' })),
    });
  });
}
