import { ErrorCode } from '../../protocol/index.js';
import type { ServerContext } from '../room/context.js';
import { checkName, type Caller } from './guard.js';
import { checkRoomQuery, checkSince } from './query.js';

/** What a WebSocket on /ws asks for, once its query passed. */
export interface WsRequest {
  readonly room: string;
  readonly user: string;
  readonly since: number;
}

/** Why a WebSocket's request is refused before its upgrade. */
export interface WsRefusal {
  readonly ok: false;
  readonly status: 400 | 403 | 404;
  readonly code: string;
  readonly error: string;
}

/**
 * Checks what a WebSocket asks of the room, after its host, origin and token passed: the transport
 * is on, room and user are valid, `since` too, and the caller may use the name. The upgrade runs
 * it, and so does a plain GET of the same URL, which a browser page makes to learn why its
 * WebSocket was refused: a browser hides a refused upgrade's answer from the page.
 */
export function checkWsRequest(ctx: ServerContext, url: URL, caller: Caller): ({ readonly ok: true } & WsRequest) | WsRefusal {
  if (!ctx.options.transports.has('ws')) return { ok: false, status: 404, code: ErrorCode.transportDisabled, error: 'the ws transport is disabled on this server' };
  const query = checkRoomQuery(url, true);
  if (!query.ok) return { ok: false, status: 400, code: query.code, error: query.error };
  const since = checkSince(url);
  if (!since.ok) return { ok: false, status: 400, code: since.code, error: since.error };
  const user = query.value.user!;
  const impostor = checkName(caller, user);
  if (impostor !== undefined) return { ok: false, ...impostor };
  return { ok: true, room: query.value.room, user, since: since.value };
}
