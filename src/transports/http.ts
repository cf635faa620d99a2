import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { classifyError, type NetFailure } from './close-report.js';
import type { Clock } from './types.js';
import type { Meter } from './wire.js';

/** Error bodies are short JSON; anything longer is cut here. */
const MAX_ERROR_BODY = 16 * 1024;

/**
 * An agent of our own for each use, never the global one: `keepAlive` false makes every request
 * open a new TCP connection (the study's polling), true reuses one.
 */
export function createAgent(server: URL, keepAlive: boolean): HttpAgent {
  return server.protocol === 'https:' ? new HttpsAgent({ keepAlive }) : new HttpAgent({ keepAlive });
}

/** One request to make. */
export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly agent: HttpAgent;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The exchange fails with a timeout unless `finish()` is called within this long. */
  readonly timeoutMs: number;
}

/** Where a request takes its time from and reports its traffic to. */
export interface HttpIo {
  readonly clock: Clock;
  readonly meter: Meter;
}

/** A request in progress. */
export interface Exchange {
  /** The caller has what it waited for: stop the timeout (a stream goes on without it). */
  finish(): void;
  /** Ends the request and its response, reporting nothing. */
  abort(): void;
}

/**
 * Sends one request through `agent`, counting it, its socket and its bytes. `response` gets the
 * response once its headers are in; `failure` a classified network failure or timeout. At most
 * one of them is called, and neither after `abort()`.
 */
export function exchange(call: HttpCall, io: HttpIo, on: { response(res: IncomingMessage): void; failure(failure: NetFailure): void }): Exchange {
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  const headers = body === undefined ? call.headers : { ...call.headers, 'content-type': 'application/json', 'content-length': String(body.length) };
  const request = call.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = request(call.url, { method: call.method, agent: call.agent, headers });
  io.meter.request();
  let settled = false;
  let timer: unknown = io.clock.setTimeout(() => fail({ kind: 'timeout', message: `no answer within ${call.timeoutMs} ms` }), call.timeoutMs);
  const stopTimer = (): void => {
    if (timer === undefined) return;
    io.clock.clearTimeout(timer);
    timer = undefined;
  };
  const fail = (failure: NetFailure): void => {
    stopTimer();
    if (settled) return;
    settled = true;
    req.destroy();
    on.failure(failure);
  };
  req.on('socket', (socket) => io.meter.track(socket));
  // Errors after the response are the response reader's to see; this listener keeps them from crashing the process.
  req.on('error', (error) => fail(classifyError(error)));
  req.on('response', (res) => {
    if (settled) return void res.resume();
    settled = true;
    on.response(res);
  });
  req.end(body);
  return {
    finish: stopTimer,
    abort: () => {
      stopTimer();
      settled = true;
      req.destroy();
    },
  };
}

/** A whole answer (any status), or why there was none. */
export type HttpResult =
  | { readonly ok: true; readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: string }
  | { readonly ok: false; readonly failure: NetFailure };

/** A request whose whole body is wanted: resolves with it (any status) or with a failure; never rejects. */
export function fetchText(call: HttpCall, io: HttpIo): { readonly result: Promise<HttpResult>; abort(): void } {
  let abort: () => void = () => {};
  const result = new Promise<HttpResult>((resolve) => {
    const ex = exchange(call, io, {
      failure: (failure) => resolve({ ok: false, failure }),
      response: (res) => {
        readBody(res, Number.POSITIVE_INFINITY).then(
          (body) => {
            ex.finish();
            resolve({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body });
          },
          (error: Error) => {
            ex.abort();
            resolve({ ok: false, failure: classifyError(error) });
          },
        );
      },
    });
    abort = () => {
      ex.abort();
      resolve({ ok: false, failure: { kind: 'aborted', message: 'aborted' } });
    };
  });
  return { result, abort: () => abort() };
}

/** Reads a response body as UTF-8; rejects when the connection breaks before its end. */
export function readBody(res: IncomingMessage, limit = MAX_ERROR_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size >= limit) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('connection closed before the response ended'));
    });
  });
}
