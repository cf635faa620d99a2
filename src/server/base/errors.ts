import { ErrorCode } from '../../protocol/index.js';

/** How soon a client refused as unavailable is told to try again (Retry-After, `retryAfterMs`). */
export const UNAVAILABLE_RETRY_MS = 1000;

/**
 * The store cannot serve now: Redis is down or did not answer in time, or the history file is
 * locked by another process, full or read-only. Nothing was stored; the request may be retried
 * once the server is healthy again. Answered as HTTP 503 with Retry-After and as a WebSocket
 * `error` frame with `retryAfterMs`, both with the code `unavailable`.
 */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
  readonly code = ErrorCode.unavailable;
}

/** The store could not be opened at start-up; the message is one line naming what and why. */
export class StoreStartError extends Error {
  override readonly name = 'StoreStartError';
}

/** The web page could not be read at start-up (it was not built); the message is one line saying what to do. */
export class PageStartError extends Error {
  override readonly name = 'PageStartError';
}

/**
 * A send would make one room more than the server keeps (`--max-rooms`). Nothing was stored;
 * answered 429 `too_many_rooms`, without a Retry-After, since a room frees up only when all of its
 * history has gone.
 */
export class TooManyRoomsError extends Error {
  override readonly name = 'TooManyRoomsError';
  readonly code = ErrorCode.tooManyRooms;

  constructor(readonly maxRooms: number) {
    super(`this server keeps history for ${maxRooms} rooms, the most it may; post to a room that has some`);
  }
}
