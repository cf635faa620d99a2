import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { dialOptions, type DialOptions } from './dial.js';
import type { AnswerSink, HttpConnections, HttpRequest } from './http.js';
import type { DialTarget } from './types.js';
import type { Meter } from './wire.js';

/**
 * Connections through node:http: for sends, which must leave the moment they are made. A request
 * on an idle keep-alive connection is written within the tick that made it, where undici waits for
 * the event loop's next check phase; in a process busy with many sockets (the benchmark's clients)
 * that wait is a whole round of I/O on every message sent, a large part of a send's way to the
 * server (bench/README.md has the figures). node:http costs more CPU per request, which a send,
 * one per message typed, does not notice.
 */
export class NodeConnections implements HttpConnections {
  readonly #server: URL;
  readonly #agent: HttpAgent;
  readonly #meter: Meter;
  /** Where sockets go instead of the server, and the Host header that still names it. */
  readonly #dial: { readonly to: DialOptions; readonly host: string } | undefined;

  constructor(server: URL, keepAlive: boolean, meter: Meter, { dial }: { readonly dial?: DialTarget | undefined } = {}) {
    this.#server = server;
    this.#meter = meter;
    this.#agent = server.protocol === 'https:' ? new HttpsAgent({ keepAlive }) : new HttpAgent({ keepAlive });
    this.#dial = dial === undefined ? undefined : { to: dialOptions(server, dial), host: server.host };
  }

  send(request: HttpRequest, sink: AnswerSink): (reason: Error) => void {
    const { hostname, port, protocol } = this.#server;
    const dial = this.#dial;
    const length = request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) };
    const headers = { ...request.headers, ...length, ...(dial === undefined ? {} : { host: dial.host }) };
    const where = dial === undefined ? { hostname, port } : { ...dial.to, hostname: dial.to.host };
    const options = { ...where, path: request.path, method: request.method, headers, agent: this.#agent };
    const req = protocol === 'https:' ? httpsRequest(options) : httpRequest(options);
    req.on('socket', (socket) => this.#meter.track(socket));
    const { sent } = sink;
    // 'finish': the whole request is handed to its socket.
    if (sent !== undefined) req.once('finish', () => sent(req.socket!));
    req.on('error', (error) => sink.error(error));
    req.once('response', (res) => {
      sink.head(res.statusCode ?? 0, res.headers);
      res.on('data', (chunk: Buffer) => sink.data(chunk));
      res.on('error', (error) => sink.error(error));
      res.once('end', () => sink.end());
      // A body the connection dropped half way ends with 'close' and no 'end'.
      res.once('close', () => {
        if (!res.complete) sink.error(new Error('the connection closed before the whole answer came'));
      });
    });
    req.end(request.body);
    return (reason) => req.destroy(reason);
  }

  /** The agent holds every socket, busy or idle, from the moment a request is made. */
  destroy(): void {
    this.#agent.destroy();
  }
}
