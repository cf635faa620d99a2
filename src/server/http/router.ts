import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkUser, ErrorCode, type PresenceResponse } from '../../protocol/index.js';
import { debug } from '../base/log.js';
import { checkCapacity } from '../request/capacity.js';
import { limitedAddress } from '../request/client.js';
import { checkName, type Caller, type Guard, type GuardResult } from '../request/guard.js';
import { checkRoomQuery, parseTarget } from '../request/query.js';
import { announceTyping } from '../room/chat.js';
import type { ServerContext } from '../room/context.js';
import { getEvents } from './events.js';
import { getMessages, postMessages } from './messages.js';
import { checkWsRequest } from '../request/ws-request.js';
import { readBody, sendError, sendFailure, sendJson } from './respond.js';

/** An endpoint; `caller` is who the guard let through (with signed identities, the user it may act as). */
type Handler = (ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller) => Promise<void> | void;

const routes: Record<string, Partial<Record<string, Handler>>> = {
  '/messages': { GET: getMessages, POST: postMessages },
  '/events': { GET: getEvents },
  '/presence': { GET: getPresence },
  '/typing': { POST: postTyping },
  '/metrics': { GET: getMetrics },
  '/ws': { GET: getWs },
};

/** The web page's files, when the server serves it. */
const pageRoute: Partial<Record<string, Handler>> = {
  GET: (ctx, req, res, url) => ctx.page?.send(req, res, url.pathname),
  HEAD: (ctx, req, res, url) => ctx.page?.send(req, res, url.pathname),
};

/** Routes one HTTP request: its host first, then health, then the server's capacity, then origin and token, then the endpoint. */
export function createRequestHandler(ctx: ServerContext, guard: Guard): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    debug.http('%s %s', req.method, req.url);
    const url = parseTarget(req.url);
    // A target such as `//x:99999` is no URL; throwing here would take the whole process down.
    if (url === undefined) return sendError(res, 400, ErrorCode.badRequest, 'the request target is not a valid path');
    const misdirected = guard.checkHost(req);
    if (misdirected !== undefined) return sendError(res, misdirected.status, misdirected.code, misdirected.error);
    if (url.pathname === '/healthz') return getHealth(ctx, res);
    const full = checkCapacity(ctx);
    if (full !== undefined) return sendError(res, full.status, full.code, full.error, { ...full.headers, connection: 'close' });
    // The page's own files ask no token: a page served to someone without it asks them for it.
    const allowed = guard.check(req, url, req.method !== 'OPTIONS' && ctx.page?.has(url.pathname) !== true);
    if (allowed instanceof Promise) {
      allowed.then(
        (settled) => route(ctx, req, res, url, settled),
        (error: unknown) => sendFailure(res, error),
      );
    } else route(ctx, req, res, url, allowed);
  };
}

/** Sends a request the guard has judged to its endpoint, or answers why it may not go on. */
function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, allowed: GuardResult): void {
  if (allowed.corsOrigin !== undefined) {
    res.setHeader('access-control-allow-origin', allowed.corsOrigin);
    res.setHeader('access-control-expose-headers', 'retry-after');
    res.setHeader('vary', 'Origin');
  }
  if (!allowed.ok) return sendError(res, allowed.status, allowed.code, allowed.error);
  const methods = routes[url.pathname] ?? (ctx.page?.has(url.pathname) === true ? pageRoute : undefined);
  if (methods === undefined) return sendError(res, 404, ErrorCode.notFound, `no endpoint at ${url.pathname}; see docs/protocol.md`);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': Object.keys(methods).join(', '),
      'access-control-allow-headers': 'authorization, content-type, last-event-id',
      'access-control-max-age': '600',
    });
    return void res.end();
  }
  const handler = methods[req.method ?? ''];
  if (handler === undefined) {
    return sendError(res, 405, ErrorCode.methodNotAllowed, `${req.method} is not allowed on ${url.pathname}; use ${Object.keys(methods).join(' or ')}`, {
      allow: Object.keys(methods).join(', '),
    });
  }
  if (ctx.shutdown.closing) return sendError(res, 503, ErrorCode.unavailable, 'server shutting down', { connection: 'close' });
  Promise.resolve(handler(ctx, req, res, url, allowed)).catch((error: unknown) => {
    debug.http('handler failed: %s', error);
    sendFailure(res, error);
  });
}

/** 200 `{ok:true}`, or 503 `{ok:false, error}` while shutting down or while the shared store is unreachable. */
function getHealth(ctx: ServerContext, res: ServerResponse): void {
  const problem = ctx.shutdown.closing ? 'shutting down' : ctx.problem();
  if (problem === undefined) return sendJson(res, 200, { ok: true });
  sendJson(res, 503, { ok: false, error: problem });
}

async function getPresence(ctx: ServerContext, _req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const { room } = query.value;
  await ctx.presence.refresh(room);
  const body: PresenceResponse = { room, online: ctx.presence.list(room) };
  sendJson(res, 200, body);
}

/** POST /typing: the typing indicator for clients without a socket to send it on. */
async function postTyping(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): Promise<void> {
  ctx.metrics.posts.inc();
  const query = checkRoomQuery(url);
  if (!query.ok) return sendError(res, 400, query.code, query.error);
  const body = await readBody(req);
  if (!body.ok) return sendError(res, body.status, body.code, body.error);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return sendError(res, 400, ErrorCode.invalidJson, 'body is not valid JSON; expected {"user": NAME}');
  }
  const user = checkUser((parsed as { user?: unknown } | null)?.user);
  if (!user.ok) return sendError(res, 400, user.code, user.error);
  const impostor = checkName(caller, user.value);
  if (impostor !== undefined) return sendError(res, impostor.status, impostor.code, impostor.error);
  announceTyping(ctx, query.value.room, user.value, limitedAddress(ctx, req), req.socket);
  res.writeHead(204).end();
}

/**
 * GET /ws without an upgrade: what the upgrade would be refused with, else 426. A browser's
 * WebSocket tells a page nothing of why its upgrade failed; the page asks this to learn it.
 */
function getWs(ctx: ServerContext, _req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller): void {
  const request = checkWsRequest(ctx, url, caller);
  if (!request.ok) return sendError(res, request.status, request.code, request.error);
  sendError(res, 426, ErrorCode.upgradeRequired, 'this is the WebSocket endpoint: open it with Upgrade: websocket', { upgrade: 'websocket', connection: 'upgrade' });
}

async function getMetrics(ctx: ServerContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await ctx.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': ctx.metrics.registry.contentType }).end(text);
}
