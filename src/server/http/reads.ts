import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkReadBody, type ErrorBody, type ReadsResponse } from '../../protocol/index.js';
import { limitedAddress } from '../request/client.js';
import { checkName, type Caller } from '../request/guard.js';
import { checkRoomQuery } from '../request/query.js';
import { noteRead } from '../room/chat.js';
import type { ServerContext } from '../room/context.js';
import { readBody, sendError, sendJson } from './respond.js';

/** POST /read: read receipts for clients without a socket to tell them on. `{user, id}` → 204. */
export async function postRead(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<void> {
  ctx.metrics.posts.inc();
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const body = await readBody(req);
  if (!body.ok) return sendError(res, body.status, body.code, body.error);
  const input = checkReadBody(body.text);
  if (!input.ok) return sendError(res, 400, input.code, input.error);
  const impostor = checkName(caller, input.value.user);
  if (impostor !== undefined) return sendError(res, impostor.status, impostor.code, impostor.error);
  const outcome = await noteRead(ctx, query.value.room, input.value.user, input.value.id, req.socket, limitedAddress(ctx, req));
  if (outcome.ok) return void res.writeHead(204).end();
  const { code, error, retryAfterMs } = outcome;
  if (retryAfterMs === undefined) return sendError(res, 400, code, error);
  sendJson(res, 429, { error, code, retryAfterMs } satisfies ErrorBody, { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) });
}

/** GET /reads: every read position the room keeps, for clients that poll rather than listen. */
export function getReads(ctx: ServerContext, _req: IncomingMessage, res: ServerResponse, url: URL): void {
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const { room } = query.value;
  const body: ReadsResponse = { room, reads: ctx.reads.list(room) };
  sendJson(res, 200, body);
}
