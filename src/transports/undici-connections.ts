import { createRequire } from 'node:module';
import type { Dispatcher, Pool } from 'undici';
import { dialOptions } from './dial.js';
import type { AnswerSink, HttpConnections, HttpRequest } from './http.js';
import type { DialTarget } from './types.js';
import type { Meter } from './wire.js';

type Undici = typeof import('undici');
let undici: Undici | undefined;

/**
 * undici, loaded the first time an HTTP transport is made: its request path costs far less CPU
 * than node:http's (which is what a process of a hundred pollers spends its time on), but
 * loading it takes time that a WebSocket chat should not wait for at start (bench/README.md has
 * the figures).
 */
function loadUndici(): Undici {
  undici ??= createRequire(import.meta.url)('undici') as Undici;
  return undici;
}

/**
 * Connections through an undici pool: the cheapest request path, for the requests a transport
 * makes all the time (polls, the event stream). Before reusing an idle keep-alive connection,
 * undici waits for the event loop's next check phase to see whether the server closed it
 * meanwhile; polls do not mind, sends do (see NodeConnections). While it waits the connection
 * counts as busy, so an unbounded pool opens a second one for the next request; `maxConnections`
 * 1 makes that request wait for the first instead, for requests made one at a time (long polls).
 */
export class UndiciConnections implements HttpConnections {
  readonly #keepAlive: boolean;
  readonly #pool: Pool;

  constructor(server: URL, keepAlive: boolean, meter: Meter, { maxConnections, dial }: { readonly maxConnections?: number; readonly dial?: DialTarget | undefined } = {}) {
    const { Pool, buildConnector } = loadUndici();
    // With a relay to dial, only the address changes: the pool's origin (the Host header) and TLS's name stay the server's.
    const to = dial === undefined ? undefined : dialOptions(server, dial);
    const connect = buildConnector(to === undefined ? {} : { checkServerIdentity: to.checkServerIdentity });
    this.#keepAlive = keepAlive;
    this.#pool = new Pool(server.origin, {
      connect: (options, callback) =>
        connect(to === undefined ? options : { ...options, hostname: to.host, port: String(to.port), servername: to.servername ?? '' }, (...connected) => {
          if (connected[0] === null) meter.track(connected[1]);
          callback(...connected);
        }),
      // Each exchange has a timeout of its own, and a stream's silence is its transport's watchdog's to judge.
      headersTimeout: 0,
      bodyTimeout: 0,
      connections: maxConnections ?? null,
    });
  }

  send(request: HttpRequest, sink: AnswerSink): (reason: Error) => void {
    let controller: Dispatcher.DispatchController | undefined;
    let aborted: Error | undefined;
    this.#pool.dispatch(
      { path: request.path, method: request.method, headers: request.headers, body: request.body ?? null, reset: !this.#keepAlive },
      {
        onRequestStart: (started) => {
          controller = started;
          // Aborted while it waited for a connection: it goes no further.
          if (aborted !== undefined) started.abort(aborted);
        },
        onResponseStart: (_, status, headers) => sink.head(status, headers),
        onResponseData: (_, chunk) => sink.data(chunk),
        onResponseEnd: () => sink.end(),
        onResponseError: (_, error) => sink.error(error),
      },
    );
    return (reason) => {
      aborted = reason;
      controller?.abort(reason);
    };
  }

  destroy(): void {
    this.#pool.destroy().catch(() => {});
  }
}
