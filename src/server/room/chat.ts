import { ErrorCode, TYPING_INTERVAL_MS, type Message, type MessageInput } from '../../protocol/index.js';
import { TooManyRoomsError } from '../base/errors.js';
import type { AppendResult } from '../store/history-store.js';
import type { ServerContext } from './context.js';
import type { RoomListener } from './hub.js';

/**
 * A send's outcome: stored (or a repeat), or refused with 429: over the send limit, to retry after
 * `retryAfterMs`, or into a room past `--max-rooms`, which waiting does not fix.
 */
export type PostOutcome =
  | { readonly ok: true; readonly message: Message; readonly duplicate: boolean }
  | { readonly ok: false; readonly code: typeof ErrorCode.rateLimited; readonly error: string; readonly retryAfterMs: number }
  | { readonly ok: false; readonly code: typeof ErrorCode.tooManyRooms; readonly error: string; readonly retryAfterMs?: undefined };

/** The key that send limits count under: one user in one room, whatever transport it uses. */
export function rateKey(room: string, user: string): string {
  return `${room}\u0000${user}`;
}

/**
 * Commits a message and fans it out: the one path every transport's send takes. Resolves only
 * after the store committed, so an acknowledgement never runs ahead of durability.
 */
export async function postMessage(ctx: ServerContext, room: string, input: MessageInput): Promise<PostOutcome> {
  if (ctx.limiter !== undefined) {
    const decision = await ctx.limiter.take(rateKey(room, input.user));
    ctx.sweeper.arm();
    if (!decision.ok) {
      // A retry of a message already stored is answered, not refused: the sender must learn its id.
      const first = input.clientId === undefined ? undefined : await ctx.store.findByClientId(room, input.user, input.clientId);
      if (first !== undefined) return { ok: true, message: first, duplicate: true };
      const { count, perSeconds } = ctx.options.rate!;
      return {
        ok: false,
        code: ErrorCode.rateLimited,
        error: `too many messages: at most ${count} per ${perSeconds} s per user; retry in ${Math.ceil(decision.retryAfterMs / 1000)} s`,
        retryAfterMs: decision.retryAfterMs,
      };
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
 * Tells the room that `user` is typing, at most once per TYPING_MIN_INTERVAL_MS per user. `from`
 * (a WebSocket) is not told of itself.
 */
export function announceTyping(ctx: ServerContext, room: string, user: string, from?: RoomListener): void {
  const key = rateKey(room, user);
  const now = ctx.options.now();
  const at = ctx.typingSeen.get(key);
  if (at !== undefined && now - at < TYPING_MIN_INTERVAL_MS) return;
  if (ctx.typingSeen.size > 10_000) ctx.typingSeen.clear();
  ctx.typingSeen.set(key, now);
  ctx.bus.typing(room, user, from);
}
