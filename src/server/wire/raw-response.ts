import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from '../../protocol/index.js';
import { UNAVAILABLE_RETRY_MS } from '../base/errors.js';

/**
 * Answers on a bare socket, where no response object exists (a refused upgrade, a request Node
 * could not read): the status and the `{error, code}` body of an ordinary answer, then the
 * connection ends. A 503 says when to try again, as every 503 does, unless `headers` says it.
 */
export function endWithError(socket: Duplex, status: number, code: string, error: string, headers: Readonly<Record<string, string>> = {}): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error, code } satisfies ErrorBody);
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
  const all = status === 503 && !Object.keys(headers).some((name) => name.toLowerCase() === 'retry-after') ? { 'Retry-After': String(UNAVAILABLE_RETRY_MS / 1000), ...headers } : headers;
  for (const [name, value] of Object.entries(all)) head += `${name}: ${value}\r\n`;
  socket.end(`${head}\r\n${body}`);
}
