import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, MAX_PAYLOAD_BYTES, type ErrorBody } from '../../protocol/index.js';
import { UNAVAILABLE_RETRY_MS, UnavailableError } from '../base/errors.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, status: number, code: string, error: string, headers: Record<string, string> = {}): void {
  const body: ErrorBody = { error, code };
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body, headers);
}

/** Answers a request whose handling threw: 503 when the store cannot be reached, else 500 (a bug). */
export function sendFailure(res: ServerResponse, error: unknown, doing = 'internal error'): void {
  if (error instanceof UnavailableError) return sendError(res, 503, ErrorCode.unavailable, error.message, { 'retry-after': String(UNAVAILABLE_RETRY_MS / 1000) });
  sendError(res, 500, ErrorCode.internal, `${doing}: ${(error as Error).message}`);
}

export type BodyResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly status: number; readonly code: string; readonly error: string };

/** Reads a request body as strict UTF-8, refusing more than the payload limit without buffering it. */
export function readBody(req: IncomingMessage, limit = MAX_PAYLOAD_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, code: ErrorCode.payloadTooLarge, error: `body is ${declared} bytes; the limit is ${limit}` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, status: 413, code: ErrorCode.payloadTooLarge, error: `body is over ${limit} bytes, the limit` });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve({ ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size)) });
      } catch {
        resolve({ ok: false, status: 400, code: ErrorCode.invalidUtf8, error: 'body is not valid UTF-8' });
      }
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      resolve({ ok: false, status: 400, code: ErrorCode.badRequest, error: 'request body could not be read' });
    });
  });
}
