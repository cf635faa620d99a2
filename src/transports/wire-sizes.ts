import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';

// How many bytes a frame, a head or a chunk takes on the wire, for the wire view to split what a
// socket read between the events it carried. These are expectations: the socket's own counts
// decide, and the last event of a read takes whatever these did not account for. Node's
// transports only: a web page sees no sockets.

/** A WebSocket frame of `payloadBytes` (RFC 6455): 2 bytes of header, 2 or 8 more for a long payload, 4 of mask from a client. */
export function wsFrameBytes(payloadBytes: number, masked: boolean): number {
  const length = payloadBytes < 126 ? 0 : payloadBytes < 65_536 ? 2 : 8;
  return 2 + length + (masked ? 4 : 0) + payloadBytes;
}

/** An HTTP/1.1 response head from its raw header list (name, value, name, value…), as Node's parser keeps it. */
export function rawHeadBytes(status: number, statusMessage: string | undefined, rawHeaders: readonly string[]): number {
  let bytes = statusLineBytes(status, statusMessage);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) bytes += Buffer.byteLength(`${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`);
  return bytes + 2;
}

/** An HTTP/1.1 response head from parsed headers (names lower-cased, which does not change their length). */
export function headBytes(status: number, headers: IncomingHttpHeaders): number {
  let bytes = statusLineBytes(status, undefined);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) bytes += Buffer.byteLength(`${name}: ${one}\r\n`);
  }
  return bytes + 2;
}

/** A chunk of `dataBytes` in HTTP/1.1 chunked encoding: its size in hex, two CRLFs. */
export function chunkBytes(dataBytes: number): number {
  return dataBytes.toString(16).length + 4 + dataBytes;
}

function statusLineBytes(status: number, statusMessage: string | undefined): number {
  return Buffer.byteLength(`HTTP/1.1 ${status} ${statusMessage ?? STATUS_CODES[status] ?? ''}\r\n`);
}
