import { ErrorCode, TYPING_INTERVAL_MS, type Message, type MessageInput } from '../../protocol/index.js';
import { TooManyRoomsError } from '../base/errors.js';
import type { AppendResult } from '../store/history-store.js';
import type { ServerContext } from './context.js';
import type { RoomListener } from './hub.js';
import { rateKey, type SendRefusal } from './send-limits.js';

/**
 * A send's outcome: stored (or a repeat), or refused with 429: over a send limit, to retry after
 * `retryAfterMs`, or into a room past `--max-rooms`, which waiting does not fix.
 */
export type PostOutcome =
  | { readonly ok: true; readonly message: Message; readonly duplicate: boolean }
  | SendRefusal
  | { readonly ok: false; readonly code: typeof ErrorCode.tooManyRooms; readonly error: string; readonly retryAfterMs?: undefined };

/**
 * Commits a message and fans it out: the one path every transport's send takes. Resolves only
 * after the store committed, so an acknowledgement never runs ahead of durability. `connection`
 * (an HTTP request's socket; undefined for a WebSocket) and `address` are where the send came
 * from, for the limits that do not trust the name it gives.
 */
export async function postMessage(ctx: ServerContext, room: string, input: MessageInput, connection: object | undefined, address: string): Promise<PostOutcome> {
  if (ctx.limits.active) {
    const refused = await ctx.limits.admit(room, input.user, connection, address);
    ctx.sweeper.arm();
    if (refused !== undefined) {
      // A retry of a message already stored is answered, not refused: the sender must learn its id.
      const first = input.clientId === undefined ? undefined : await ctx.store.findByClientId(room, input.user, input.clientId);
      if (first !== undefined) return { ok: true, message: first, duplicate: true };
      return refused;
    }
  }
  let appended: AppendResult;
  try {
    appended = await ctx.store.append(room, input, ctx.options.now());
  } catch (error) {
    if (error instanceof TooManyRoomsError) return { ok: false, code: ErrorCode.tooManyRooms, error: error.message };
    throw error;
  }
  const { message, duplicate } = appended;
  if (!duplicate) {
    ctx.metrics.messages.inc();
    ctx.bus.message(message);
  }
  return { ok: true, message, duplicate };
}

/**
 * The server's guard on typing, per user: half the cadence clients keep, so that an honest client
 * whose signals arrive a little early is never dropped, and a chatty one cannot turn keystrokes
 * into a flood.
 */
const TYPING_MIN_INTERVAL_MS = TYPING_INTERVAL_MS / 2;

/**
 * Tells the room that `user` is typing, at most once per TYPING_MIN_INTERVAL_MS per user, and no
 * more often than the quota of its address and connection allows. `connection` is an HTTP
 * request's socket; `from` (a WebSocket) is not told of itself.
 */
export function announceTyping(ctx: ServerContext, room: string, user: string, address: string, connection: object | undefined, from?: RoomListener): void {
  const key = rateKey(room, user);
  const now = ctx.options.now();
  const at = ctx.typingSeen.get(key);
  if (at !== undefined && now - at < TYPING_MIN_INTERVAL_MS) return;
  if (ctx.quota !== undefined) {
    const allowed = ctx.quota.mayType(address, connection);
    ctx.sweeper.arm();
    if (!allowed) return;
  }
  if (ctx.typingSeen.size > 10_000) ctx.typingSeen.clear();
  ctx.typingSeen.set(key, now);
  ctx.bus.typing(room, user, from);
}

/** A read position's outcome: kept (or nothing new), or refused. */
export type ReadOutcome = { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode; readonly error: string; readonly retryAfterMs?: number };

/**
 * `user` has read `room` up to `id`: the one path every transport's read receipt takes. Bounded by
 * the read quota of its connection and address, and believed only up to the room's newest id, so
 * that positions are kept only for rooms with history and never run ahead of it. `connection` is
 * the WebSocket, or an HTTP request's socket.
 */
export async function noteRead(ctx: ServerContext, room: string, user: string, id: number, connection: object, address: string): Promise<ReadOutcome> {
  const wait = ctx.readQuota.take(address, connection);
  ctx.sweeper.arm();
  if (wait > 0) return { ok: false, code: ErrorCode.rateLimited, error: `read positions are told too often from this connection or address; again in ${Math.ceil(wait)} ms`, retryAfterMs: wait };
  const lastId = await ctx.store.lastId(room);
  if (id > lastId) return { ok: false, code: ErrorCode.invalidField, error: `id ${id} is past the newest message of ${room} (${lastId === 0 ? 'it has none' : `#${lastId}`})` };
  ctx.reads.note(room, user, id);
  return { ok: true };
}
