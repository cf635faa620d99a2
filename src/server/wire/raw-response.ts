import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from '../../protocol/index.js';

/**
 * Answers on a bare socket, where no response object exists (a refused upgrade, a request Node
 * could not read): the status and the `{error, code}` body of an ordinary answer, then the
 * connection ends.
 */
export function endWithError(socket: Duplex, status: number, code: string, error: string, headers: Readonly<Record<string, string>> = {}): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error, code } satisfies ErrorBody);
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  socket.end(`${head}\r\n${body}`);
}
