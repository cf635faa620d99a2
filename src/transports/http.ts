import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { classifyError, seconds, type NetFailure } from './close-report.js';
import type { Clock } from './types.js';
import type { Meter } from './wire.js';

/** A request as a set of connections takes it. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, from `requestTarget`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** What a set of connections tells of a request, in order: `head`, any `data`, then `end` or `error`. */
export interface AnswerSink {
  /**
   * The request is written on `socket` (for the wire view; called only when the sink has it, so
   * that a request nobody watches costs nothing more).
   */
  readonly sent?: ((socket: Socket) => void) | undefined;
  head(status: number, headers: IncomingHttpHeaders): void;
  data(chunk: Uint8Array): void;
  end(): void;
  /** No answer, or the body broke off after `head`. */
  error(error: Error): void;
}

/**
 * The connections a transport makes one kind of request on: its polls, its sends or its stream
 * (short polling sends on the connections it polls on). With `keepAlive` false every request
 * opens a new TCP connection (the study's polling); true reuses idle ones. Every socket opened is
 * reported to the transport's meter as it connects. (A browser's fetch decides for itself, and
 * keeps connections alive.)
 */
export interface HttpConnections {
  /** Sends `request`; returns how to abort it (the sink may still hear an `error` after that). */
  send(request: HttpRequest, sink: AnswerSink): (reason: Error) => void;
  /** Ends every request and connection at once. */
  destroy(): void;
}

/** One request to make. */
export interface HttpCall {
  readonly method: 'GET' | 'POST';
  /** Path and query, from `requestTarget`. */
  readonly path: string;
  readonly via: HttpConnections;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The exchange fails with a timeout unless the answer begins, or `finish()` is called, within this long. */
  readonly timeoutMs: number;
  /**
   * Once the answer has begun, how long it may pause between chunks: the deadline then moves with
   * each chunk, so that a slow answer is not taken for a dead one. Without it, the whole answer
   * must come within `timeoutMs`.
   */
  readonly idleMs?: number;
}

/** Where a request takes its time from and reports its traffic to. */
export interface HttpIo {
  readonly clock: Clock;
  readonly meter: Meter;
}

/** What a request's answer is handed to, in order: `head`, any `data`, then `end` or `failure`. */
export interface ResponseReader {
  /** Status and headers are in. */
  head(status: number, headers: IncomingHttpHeaders): void;
  data(chunk: Uint8Array): void;
  /** The whole body is in. */
  end(): void;
  /** No answer (a network failure or the timeout), or the body broke off after `head`. */
  failure(failure: NetFailure): void;
}

/** A request in progress. */
export interface Exchange {
  /** The caller has what it waited for: stop the timeout (a stream goes on without it). */
  finish(): void;
  /** Ends the request and its response, reporting nothing more. */
  abort(): void;
  /** The socket it was written on, once it was, when the wire view watches (undefined otherwise). */
  readonly socket: Socket | undefined;
  /** When it was made, on the clock of its HttpIo. */
  readonly startedAt: number;
}

const ABORTED = new Error('aborted by the client');

/**
 * Sends one request, counting it. The reader is told of the answer as it comes; after
 * `abort()` it is told nothing. While the wire view watches, the request and a failure to get an
 * answer are told to it; an answer is the reader's to tell, since only it knows what the answer is.
 */
export function exchange(call: HttpCall, io: HttpIo, reader: ResponseReader): Exchange {
  const tap = io.meter.wire;
  let done = false;
  let cancel: (reason: Error) => void = () => {};
  let timer: unknown;
  const stopTimer = (): void => {
    if (timer === undefined) return;
    io.clock.clearTimeout(timer);
    timer = undefined;
  };
  const settle = (): boolean => {
    if (done) return false;
    done = true;
    stopTimer();
    return true;
  };
  const abort = (): void => {
    if (settle()) cancel(ABORTED);
  };
  const ex: Writable<Exchange> = { finish: stopTimer, abort, socket: undefined, startedAt: io.clock.now() };
  const fail = (failure: NetFailure): void => {
    tap?.failed(ex.socket, call, ex.startedAt, failure.message);
    reader.failure(failure);
  };
  const arm = (ms: number, what: string): void => {
    timer = io.clock.setTimeout(() => {
      timer = undefined;
      abort();
      fail({ kind: 'timeout', message: `${what} within ${seconds(ms)}` });
    }, ms);
  };
  /** The answer goes on: a pause is now timed from here, unless the caller has finished with the timeout. */
  const progressed = (): void => {
    if (call.idleMs === undefined || timer === undefined) return;
    stopTimer();
    arm(call.idleMs, 'no more of the answer');
  };
  io.meter.request();
  arm(call.timeoutMs, 'no answer');
  const headers = call.body === undefined ? call.headers : { ...call.headers, 'content-type': 'application/json' };
  cancel = call.via.send(
    { path: call.path, method: call.method, headers, body: call.body },
    {
      sent:
        tap &&
        ((written) => {
          ex.socket = written;
          if (!done) tap.request(written, call);
        }),
      head: (status, answeredHeaders) => {
        if (done) return;
        reader.head(status, answeredHeaders);
        progressed();
      },
      data: (chunk) => {
        if (done) return;
        reader.data(chunk);
        progressed();
      },
      end: () => {
        if (settle()) reader.end();
      },
      error: (error) => {
        if (settle()) fail(classifyError(error));
      },
    },
  );
  return ex;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A whole answer (any status), or why there was none. */
export type HttpResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly body: string;
    }
  | { readonly ok: false; readonly failure: NetFailure };

/** A request whose whole body is wanted: resolves with it (any status) or with a failure; never rejects. */
export function fetchText(call: HttpCall, io: HttpIo): { readonly result: Promise<HttpResult>; abort(): void } {
  let abort: () => void = () => {};
  const result = new Promise<HttpResult>((resolve) => {
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    // Chunks are cut anywhere, even inside a character; TextDecoder, unlike Buffer, is everywhere.
    const decoder = new TextDecoder();
    let body = '';
    const ex: Exchange = exchange(call, io, {
      head: (answered, answeredHeaders) => {
        status = answered;
        headers = answeredHeaders;
      },
      data: (chunk) => void (body += decoder.decode(chunk, { stream: true })),
      end: () => {
        const text = body + decoder.decode();
        if (ex.socket !== undefined) io.meter.wire?.answer(ex.socket, call, status, ex.startedAt, text);
        resolve({ ok: true, status, headers, body: text });
      },
      failure: (failure) => resolve({ ok: false, failure }),
    });
    abort = () => {
      ex.abort();
      resolve({ ok: false, failure: { kind: 'aborted', message: 'aborted' } });
    };
  });
  return { result, abort: () => abort() };
}
