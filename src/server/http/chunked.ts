const CRLF = Buffer.from('\r\n');

/**
 * `payload` as one chunk of a `Transfer-Encoding: chunked` body: its size in hex, CRLF, the bytes,
 * CRLF. Streams that write straight to the socket frame their bytes with this, as Node would have.
 */
export function httpChunk(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`, 'latin1'), payload, CRLF]);
}
