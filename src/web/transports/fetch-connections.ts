import type { AnswerSink, HttpConnections, HttpRequest } from '../../transports/http.js';
import type { PageWire } from '../wire/page-wire.js';

/**
 * HTTP requests by the browser's fetch, for the polling transports and every transport's sends,
 * counted on the page's wire. The browser pools the connections and keeps them alive, whatever
 * a transport would like: a page cannot open a TCP connection per poll.
 */
export class FetchConnections implements HttpConnections {
  readonly #inFlight = new Set<AbortController>();

  constructor(
    private readonly server: URL,
    private readonly wire: PageWire,
  ) {}

  send(request: HttpRequest, sink: AnswerSink): (reason: Error) => void {
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const url = new URL(request.path, this.server);
    const tally = this.wire.fetch({ method: request.method, url, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
    const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal, cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer' };
    if (request.body !== undefined) init.body = request.body;
    void fetch(url, init)
      .then(async (response) => {
        tally.head(response.status, response.statusText, response.headers);
        sink.head(response.status, Object.fromEntries(response.headers));
        const reader = response.body?.getReader();
        for (let part = await reader?.read(); part !== undefined && !part.done; part = await reader!.read()) {
          tally.body(part.value.length);
          sink.data(part.value);
        }
        tally.done();
        sink.end();
      })
      .catch((error: unknown) => {
        tally.failed();
        sink.error(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => this.#inFlight.delete(controller));
    return (reason) => controller.abort(reason);
  }

  destroy(): void {
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
  }
}
