import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import type { ErrorBody, GetMessagesResponse, Message, PostMessageResponse } from '../../src/protocol/index.js';

const sockets = new Set<Socket>();

afterEach(() => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
});

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface HttpRequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  readonly timeoutMs?: number;
}

/**
 * One request on its own connection (no keep-alive), with full control of the headers (Host,
 * Origin), the body's bytes, and a deadline. The socket is closed when the answer is read.
 */
export function http(url: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
  const { method = 'GET', body, timeoutMs = 5000 } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined && headers['transfer-encoding'] === undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${method} ${url} got no full answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('socket', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}

/** Parses an error answer, checking it is the `{error, code}` shape. */
export function errorBody(answer: HttpAnswer): ErrorBody {
  const body = JSON.parse(answer.text) as Partial<ErrorBody>;
  if (typeof body.error !== 'string' || typeof body.code !== 'string') throw new Error(`not an {error, code} body: ${answer.text}`);
  return { error: body.error, code: body.code };
}

/**
 * Writes `raw` bytes on a fresh TCP connection and resolves with everything the server sent
 * until it closed the connection (or `timeoutMs` passed, which rejects).
 */
export function rawExchange(port: number, raw: string | Uint8Array, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.add(socket);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`server did not close the connection within ${timeoutMs} ms; got ${Buffer.concat(chunks).toString('utf8')}`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(raw));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      sockets.delete(socket);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** POST /messages with fetch; returns the status and the parsed body. */
export async function postMessage(
  baseUrl: string,
  body: { user: string; text: string; sentAt?: number; clientId?: string },
  room = 'lobby',
): Promise<{ status: number; body: PostMessageResponse }> {
  const res = await fetch(`${baseUrl}/messages?room=${room}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await res.json()) as PostMessageResponse;
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /messages answered ${res.status}: ${JSON.stringify(parsed)}`);
  return { status: res.status, body: parsed };
}

/** GET /messages with fetch (any query), expecting 200. */
export async function getMessages(baseUrl: string, query: string, signal?: AbortSignal): Promise<GetMessagesResponse> {
  const res = await fetch(`${baseUrl}/messages?${query}`, { signal });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /messages?${query} answered ${res.status}: ${text}`);
  return JSON.parse(text) as GetMessagesResponse;
}

/** Every message stored in `room`, page by page, read by GET /messages. */
export async function wholeHistory(url: string, room = 'lobby'): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const res = await fetch(`${url}/messages?room=${room}&since=${all.at(-1)?.id ?? 0}`, { signal: AbortSignal.timeout(5000) });
    const page = (await res.json()) as GetMessagesResponse;
    all.push(...page.messages);
    if (!page.hasMore) return all;
  }
}
