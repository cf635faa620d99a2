import { CloseCode, ErrorCode, shouldReconnect } from '../protocol/plain.js';
import { decodeErrorAnswer } from './decode.js';

/**
 * Stable codes for why a transport ended:
 * - client: the caller closed it;
 * - unreachable: no connection to the server (refused, DNS, network down);
 * - timeout: connected, but the open (upgrade, stream start, first answer) did not finish in time;
 * - refused: the server answered the open with an HTTP error that retrying will not fix;
 * - unavailable: the server answered 5xx/429/408, or closed with a "try again" code;
 * - dropped: an open connection was lost (reset, stream ended, silence past the heartbeat);
 * - unauthorized / forbidden: the token was refused or expired; the origin, the host name or the
 *   name (against the token's) was refused;
 * - fatal: the server closed for a reason reconnecting cannot fix.
 */
export type CloseCodeName = 'client' | 'unreachable' | 'timeout' | 'refused' | 'unavailable' | 'dropped' | 'unauthorized' | 'forbidden' | 'fatal';

/** Why a transport ended, as data: what the connection needs to decide to retry, back off, fall back or stop. */
export interface TransportClosed {
  readonly code: CloseCodeName;
  /** For a human: "ws upgrade refused, 404 transport_disabled: the ws transport is disabled on this server". */
  readonly reason: string;
  /** Whether trying again may help. */
  readonly retry: boolean;
  /** The server could not be reached, or did not answer in time. */
  readonly unreachable: boolean;
  /** Whether the transport had opened (so the drop resets the backoff). Set by the transport base. */
  readonly wasOpen: boolean;
  /** When an open transport last heard from the server (the clock's ms): where an outage began. */
  readonly heardAt?: number;
  /** The HTTP status of a refused open, and the server's stable error code when it sent one. */
  readonly status?: number;
  readonly errorCode?: string;
  /** The WebSocket close code, when the server closed the socket. */
  readonly wsCode?: number;
}

/** A report before the transport base stamps `wasOpen` and `heardAt` on it. */
export type CloseReport = Omit<TransportClosed, 'wasOpen' | 'heardAt'>;

/** A network-level failure of a request or socket, classified. */
export interface NetFailure {
  readonly kind: 'unreachable' | 'timeout' | 'reset' | 'aborted';
  readonly message: string;
}

const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

/** A duration in a reason, to a tenth of a second ("6.0 s"): reasons are read by people. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Sorts a socket error into unreachable (never connected) or reset (lost on the way). */
export function classifyError(error: Error): NetFailure {
  const errno = (error as NodeJS.ErrnoException).code;
  const message = errno !== undefined && !error.message.includes(errno) ? `${errno} ${error.message}` : error.message;
  return { kind: errno !== undefined && UNREACHABLE_ERRNOS.has(errno) ? 'unreachable' : 'reset', message };
}

/** The caller closed the transport: no retry. */
export function closedByClient(): CloseReport {
  return { code: 'client', reason: 'closed by the client', retry: false, unreachable: false };
}

/** `what` failed on the network: "sse stream failed: ECONNREFUSED connect …". */
export function fromNetFailure(what: string, failure: NetFailure): CloseReport {
  switch (failure.kind) {
    case 'unreachable':
      return { code: 'unreachable', reason: `${what} failed: ${failure.message}`, retry: true, unreachable: true };
    case 'timeout':
      return { code: 'timeout', reason: `${what} timed out: ${failure.message}`, retry: true, unreachable: true };
    case 'reset':
    case 'aborted':
      return { code: 'dropped', reason: `${what} failed: ${failure.message}`, retry: true, unreachable: false };
  }
}

/** The open did not finish within `ms`: retried, and `auto` moves on. */
export function timedOut(what: string, ms: number): CloseReport {
  return { code: 'timeout', reason: `${what} timed out after ${ms} ms`, retry: true, unreachable: true };
}

/** An open connection was lost: retried from the base delay. */
export function dropped(reason: string): CloseReport {
  return { code: 'dropped', reason, retry: true, unreachable: false };
}

/** Refusals of who the client is or where it comes from: another try would be refused alike. */
const FORBIDDEN_CODES: ReadonlySet<string> = new Set([ErrorCode.forbiddenOrigin, ErrorCode.forbiddenHost, ErrorCode.nameMismatch]);

/** An error answer's body is short JSON (`{error, code}`); a reader keeps no more than this of it. */
export const MAX_REFUSAL_BODY = 16 * 1024;

/** The server answered `what` with an HTTP error; `body` is its `{error, code}` when it sent one. */
export function fromHttpStatus(what: string, status: number, body: string): CloseReport {
  const parsed = decodeErrorAnswer(body);
  const detail = `${status}${parsed.code === undefined ? '' : ` ${parsed.code}`}${parsed.error === undefined ? '' : `: ${parsed.error}`}`;
  const reason = `${what} refused, ${detail}`;
  const base = { reason, status, ...(parsed.code === undefined ? {} : { errorCode: parsed.code }) };
  if (status === 401) return { ...base, code: 'unauthorized', retry: false, unreachable: false };
  if ((status === 403 || status === 421) && parsed.code !== undefined && FORBIDDEN_CODES.has(parsed.code)) return { ...base, code: 'forbidden', retry: false, unreachable: false };
  if (status === 408 || status === 429 || status >= 500) return { ...base, code: 'unavailable', retry: true, unreachable: false };
  return { ...base, code: 'refused', retry: false, unreachable: false };
}

/** The server closed a WebSocket with `code` and `reason` (decoded); protocol/close-codes.ts says which to retry. */
export function fromWsClose(code: number, reason: string): CloseReport {
  const text = `ws closed by the server, ${code}${reason === '' ? '' : `: ${reason}`}`;
  if (code === CloseCode.unauthorized) return { code: 'unauthorized', reason: text, retry: false, unreachable: false, wsCode: code };
  if (code === CloseCode.forbidden) return { code: 'forbidden', reason: text, retry: false, unreachable: false, wsCode: code };
  if (code === CloseCode.tryAgainLater || code === CloseCode.serviceRestart) return { code: 'unavailable', reason: text, retry: true, unreachable: false, wsCode: code };
  // 1005 is a close frame without a code (a proxy, say): nothing says the end is permanent.
  if (shouldReconnect(code) || code === 1005) return { code: 'dropped', reason: text, retry: true, unreachable: false, wsCode: code };
  return { code: 'fatal', reason: text, retry: false, unreachable: false, wsCode: code };
}
