import { ErrorCode } from '../../protocol/index.js';

/**
 * The shared store cannot be reached (Redis is down or did not answer in time). Nothing was
 * stored; the request may be retried once the server is healthy again. Answered as HTTP 503 and
 * as a WebSocket `error` frame, both with the code `unavailable`.
 */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
  readonly code = ErrorCode.unavailable;
}

/** The store could not be opened at start-up; the message is one line naming what and why. */
export class StoreStartError extends Error {
  override readonly name = 'StoreStartError';
}
