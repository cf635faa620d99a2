import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkPostBody, checkWait, ErrorCode, PAGE_LIMIT, type ErrorBody, type GetMessagesResponse, type PostMessageResponse, type TransportKind } from '../../protocol/index.js';
import { clientAddress, limitedAddress } from '../request/client.js';
import { checkName, type Caller } from '../request/guard.js';
import { checkRoomQuery, checkSince } from '../request/query.js';
import { postMessage } from '../room/chat.js';
import type { ServerContext } from '../room/context.js';
import { heartbeatMs } from '../room/heartbeat.js';
import type { HistoryPage } from '../store/history-store.js';
import { framesWritten } from '../wire/socket-writer.js';
import { readBody, sendError, sendFailure, sendJson } from './respond.js';

/** A poller stays online this long after its last request. */
const POLLER_LEASE_MS = 10_000;

/** POST /messages: how the HTTP transports send. */
export async function postMessages(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<void> {
  ctx.metrics.posts.inc();
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const body = await readBody(req);
  if (!body.ok) return sendError(res, body.status, body.code, body.error);
  const input = checkPostBody(body.text, ctx.options.maxText);
  if (!input.ok) return sendError(res, 400, input.code, input.error);
  const impostor = checkName(caller, input.value.user);
  if (impostor !== undefined) return sendError(res, impostor.status, impostor.code, impostor.error);
  const outcome = await postMessage(ctx, query.value.room, input.value, req.socket, limitedAddress(ctx, req));
  if (!outcome.ok) {
    const { error, code, retryAfterMs } = outcome;
    if (retryAfterMs === undefined) return sendJson(res, 429, { error, code } satisfies ErrorBody);
    return sendJson(res, 429, { error, code, retryAfterMs } satisfies ErrorBody, { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) });
  }
  const response: PostMessageResponse = { message: outcome.message, epoch: ctx.store.epoch };
  await framesWritten();
  sendJson(res, outcome.duplicate ? 200 : 201, response);
}

/** GET /messages: a short poll, or with `wait` a long poll. */
export async function getMessages(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<void> {
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const impostor = query.value.user === undefined ? undefined : checkName(caller, query.value.user);
  if (impostor !== undefined) return sendError(res, impostor.status, impostor.code, impostor.error);
  const since = checkSince(url);
  if (!since.ok) return sendError(res, 400, since.code, since.error);
  const wait = checkWait(url.searchParams.get('wait'));
  if (!wait.ok) return sendError(res, 400, wait.code, wait.error);
  const kind: TransportKind = wait.value === undefined ? 'poll' : 'longpoll';
  if (!ctx.options.transports.has(kind)) {
    return sendError(res, 404, ErrorCode.transportDisabled, `the ${kind} transport is disabled on this server`);
  }
  ctx.metrics.requests[kind].inc();
  const { room, user } = query.value;
  if (user !== undefined) {
    const leaseMs = (wait.value ?? 0) + POLLER_LEASE_MS;
    const { quota } = ctx;
    // Over its address's quota, a poll is still answered, without the poller being shown online.
    if (quota === undefined || quota.lease(clientAddress(req, ctx.options.trustProxy), req.socket, `${room}\u0000${kind}\u0000${user}`, ctx.options.now() + leaseMs)) {
      ctx.presence.touch(room, user, kind, leaseMs);
    }
    ctx.sweeper.arm();
  }

  if (wait.value === undefined || wait.value === 0) {
    // A long poll with wait=0 is how a client opens: it is told the heartbeat, which the held
    // polls that follow should not wait past. Only then, so that a busy room's polls carry no more.
    const heartbeat = wait.value === 0 ? heartbeatMs(ctx.options, kind) : undefined;
    return answer(ctx, res, kind, await ctx.store.since(room, since.value, PAGE_LIMIT), heartbeat);
  }
  await holdLongPoll(ctx, res, room, since.value, wait.value);
}

/**
 * Holds a long poll until a message newer than `since` exists or `waitMs` pass. Each check arms a
 * waiter before it reads the store, so a message committed during the read still wakes it. A wake
 * that finds nothing new (a resync after the bus lost news, a message this poll already had) keeps
 * holding; a changed epoch answers at once so that the client learns of it.
 */
async function holdLongPoll(ctx: ServerContext, res: ServerResponse, room: string, since: number, waitMs: number): Promise<void> {
  const epoch = ctx.store.epoch;
  let settled = false;
  let timer: NodeJS.Timeout | undefined = undefined;
  let held = false;
  let cancel = (): void => {};
  const finish = (): void => {
    settled = true;
    cancel();
    if (timer !== undefined) clearTimeout(timer);
    if (held) ctx.metrics.connections.longpoll.dec();
    held = false;
    res.off('close', onClose);
  };
  const onClose = (): void => {
    if (!settled) finish();
  };
  const fail = (error: unknown): void => {
    if (settled) return;
    finish();
    sendFailure(res, error, 'could not read history');
  };
  /** `last` is the check when the wait is over: it answers whatever it finds. */
  const check = async (last: boolean): Promise<void> => {
    if (settled) return;
    if (!last) cancel = ctx.hub.waitForMessage(room, () => void check(false).catch(fail));
    const page = await ctx.store.since(room, since, PAGE_LIMIT);
    if (settled) return;
    // Trimmed history is news too: the client hears at once where what is kept begins.
    if (page.messages.length === 0 && page.firstId === undefined && !last && !ctx.shutdown.closing && ctx.store.epoch === epoch) {
      if (!held) {
        held = true;
        ctx.metrics.connections.longpoll.inc();
        timer = setTimeout(() => void check(true).catch(fail), waitMs);
      }
      return;
    }
    finish();
    answer(ctx, res, 'longpoll', page);
  };
  res.on('close', onClose);
  await check(false).catch(fail);
}

function answer(ctx: ServerContext, res: ServerResponse, kind: TransportKind, page: HistoryPage, heartbeat?: number): void {
  const { messages, hasMore, firstId } = page;
  if (messages.length === 0) ctx.metrics.emptyPolls.inc();
  else {
    ctx.metrics.dataPolls.inc();
    const now = ctx.options.now();
    for (const message of messages) ctx.metrics.delivered(kind, 1, message.serverAt, now);
  }
  const body: GetMessagesResponse = firstId === undefined ? { messages, epoch: ctx.store.epoch, hasMore } : { messages, epoch: ctx.store.epoch, hasMore, firstId };
  sendJson(res, 200, heartbeat === undefined ? body : { ...body, heartbeatMs: heartbeat });
}
